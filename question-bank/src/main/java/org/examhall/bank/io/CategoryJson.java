package org.examhall.bank.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.category.EmployeeCategory;
import org.examhall.bank.category.OperationClass;

/**
 * The category tree as JSON:
 * <pre>{"operationClasses": [{"code": …, "name": …, "items": [{"code": …, "name": …}]}],
 *  "employeeCategories": [{"code": …, "role": "PRINCIPAL", "industry": …}]}</pre>
 */
public final class CategoryJson {

    private CategoryJson() {}

    public static CategoryTree read(InputStream json) throws IOException {
        // Written files carry each employee category's derived name, which reading recomputes.
        Document document = Jackson.MAPPER
                .readerFor(Document.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(json);
        return new CategoryTree(document.operationClasses(), document.employeeCategories());
    }

    private record Document(
            @JsonProperty("operationClasses") List<OperationClass> operationClasses,
            @JsonProperty("employeeCategories") List<EmployeeCategory> employeeCategories) {}
}
