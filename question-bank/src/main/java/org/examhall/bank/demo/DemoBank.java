package org.examhall.bank.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.io.BankJson;
import org.examhall.bank.io.BlueprintJson;
import org.examhall.bank.io.NationalCategories;
import org.examhall.bank.question.QuestionBank;

/**
 * The demo data shipped with the library: 361 active questions written for this project over 低压电工作业,
 * 熔化焊接与热切割作业 and 高处安装、维护、拆除作业, and one blueprint per item, over the
 * {@link NationalCategories national category tree}.
 *
 * <p>The demo blueprints are smaller than the national 70 + 30 paper: 30 true/false and 20 choice
 * questions at 2 points each (100 points, pass 80, 60 minutes). With about 75 true/false and 35
 * single-choice questions per item, a 100-question paper would take nearly the whole bank and every
 * candidate would get almost the same paper; at 50 questions two papers share about 23 on average,
 * below the 30 (60 %) the demo exposure rule allows, so a full room of 100 still gets different
 * papers. The 70 + 30 shape is {@link org.examhall.bank.blueprint.StandardBlueprints#specialOperation}.
 */
public record DemoBank(CategoryTree categories, QuestionBank bank, List<Blueprint> blueprints) {

    private static final String BASE = "/org/examhall/bank/demo/";

    public DemoBank {
        blueprints = List.copyOf(blueprints);
    }

    /** Reads the demo resources; they ship with the library, so failing to read them is a build error. */
    public static DemoBank load() {
        try {
            CategoryTree categories = NationalCategories.load();
            QuestionBank bank;
            try (InputStream in = resource("questions.json")) {
                bank = BankJson.read(in, categories);
            }
            List<Blueprint> blueprints;
            try (InputStream in = resource("blueprints.json")) {
                blueprints = BlueprintJson.readList(in);
            }
            return new DemoBank(categories, bank, blueprints);
        } catch (IOException broken) {
            throw new UncheckedIOException("demo resources are unreadable", broken);
        }
    }

    public Optional<Blueprint> blueprintFor(String category) {
        return blueprints.stream().filter(b -> b.category().equals(category)).findFirst();
    }

    private static InputStream resource(String name) {
        InputStream in = DemoBank.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("missing demo resource " + BASE + name);
        }
        return in;
    }
}
