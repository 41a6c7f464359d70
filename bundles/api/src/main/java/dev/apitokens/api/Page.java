package dev.apitokens.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a longer listing.
 *
 * @param items the page's items, at most the query's limit
 * @param total how many items match the query in all pages
 * @param offset the index of the first item in the whole listing
 * @param limit the page size that was asked for
 */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** Whether another page follows this one. */
    public boolean hasMore() {
        return offset + (long) items.size() < total;
    }
}
