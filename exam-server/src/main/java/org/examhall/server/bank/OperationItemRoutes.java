package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.bank.category.OperationClass;
import org.examhall.bank.category.OperationItem;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Reply;

/**
 * The names of the operation items (低压电工作业 for ELEC-LV), for every staff page that shows a
 * session's, class's or result's item. The rest of the bank stays with the bureau (BankRoutes); the
 * names are the public national catalogue plus what the bureau added.
 */
public final class OperationItemRoutes {

    private final BankStore store;

    public OperationItemRoutes(BankStore store) {
        this.store = store;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/operation-items",
                Access.anyStaff(),
                "Operation item codes with their names",
                this::items);
    }

    private Future<Reply> items(RoutingContext ctx) {
        return store.latest().map(snapshot -> {
            JsonArray items = new JsonArray();
            for (OperationClass operationClass : snapshot.categories().operationClasses()) {
                for (OperationItem item : operationClass.items()) {
                    items.add(new JsonObject()
                            .put("code", item.code())
                            .put("name", item.name())
                            .put("classCode", operationClass.code())
                            .put("className", operationClass.name()));
                }
            }
            return Reply.ok(new JsonObject().put("items", items));
        });
    }
}
