/**
 * Files: photos and documents attached to a client, property, job, visit, quote or invoice. Every upload is typed by
 * its content (Apache Tika's magic bytes, never its name), stripped of photo location unless the company keeps it,
 * encrypted with Tink streaming AEAD under the file's own key before anything is stored (a local directory or an
 * S3-compatible bucket), and held in quarantine ({@code SCANNING}) until ClamAV's {@code clamd} calls it clean; a
 * detection is never downloadable. Whether a target exists and who may read or attach to it is asked through
 * {@link org.fieldstone.files.AttachmentTargets}, which the modules owning the targets implement (they depend on this
 * module, not the other way round). Every write goes through the one write path.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "crypto"})
package org.fieldstone.files;
