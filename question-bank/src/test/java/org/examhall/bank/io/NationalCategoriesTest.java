package org.examhall.bank.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.category.OperationClass;
import org.junit.jupiter.api.Test;

class NationalCategoriesTest {

    @Test
    void the_shipped_tree_names_the_special_operation_items_the_demo_and_production_banks_use() {
        CategoryTree tree = NationalCategories.load();
        assertThat(tree.find("ELEC-LV").orElseThrow().name()).isEqualTo("低压电工作业");
        assertThat(tree.find("WELD-FUSION").orElseThrow().name()).isEqualTo("熔化焊接与热切割作业");
        assertThat(tree.operationClasses()).extracting(OperationClass::code).contains("ELEC", "WELD", "HEIGHT");
    }
}
