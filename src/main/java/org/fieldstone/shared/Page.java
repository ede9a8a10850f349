package org.fieldstone.shared;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the API answers {@code { items, page, size, total }}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }

    /** Clamps a requested page/size to sane bounds (page ≥ 0, 1 ≤ size ≤ 200). */
    public static PageRequest request(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw new InvalidInput("page", Message.of("shared.refused.page"));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInput("size", Message.of("shared.refused.page-size", MAX_SIZE));
        }
        return new PageRequest(p, s);
    }

    public record PageRequest(int page, int size) {
        public int offset() {
            return page * size;
        }
    }
}
