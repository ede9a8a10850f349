/**
 * The benchmark's own code (bench/run.sh, decision 0020): the seeding program {@link org.fieldstone.bench.BenchSeed}
 * and the bare baseline endpoint {@link org.fieldstone.bench.BenchBaseline}. It lives in the test sources and ships
 * only in {@code target/fieldstone-bench.jar}, which the benchmark puts beside the real jar with
 * {@code -Dloader.path}; the production jar holds none of it.
 */
package org.fieldstone.bench;
