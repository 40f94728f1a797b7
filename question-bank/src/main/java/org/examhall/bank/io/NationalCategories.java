package org.examhall.bank.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.examhall.bank.category.CategoryTree;

/**
 * The national category tree the library ships: the operation classes and items of 特种作业 and the
 * employee categories. Every bank starts from it, the demo's and a production bureau's alike; the
 * bureau adds its own categories on top.
 */
public final class NationalCategories {

    private static final String RESOURCE = "/org/examhall/bank/category/national-categories.json";

    private NationalCategories() {}

    /** Reads the shipped tree; it ships with the library, so failing to read it is a build error. */
    public static CategoryTree load() {
        try (InputStream in = NationalCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return CategoryJson.read(in);
        } catch (IOException broken) {
            throw new UncheckedIOException("the national category tree is unreadable", broken);
        }
    }
}
