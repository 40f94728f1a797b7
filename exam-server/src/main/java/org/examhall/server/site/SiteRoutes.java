package org.examhall.server.site;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Reply;

/**
 * Facts about the exam site that every page needs before it shows anything: today its time zone,
 * so that a proctor's laptop left on another zone still shows the times of the exam hall.
 */
public final class SiteRoutes {

    private final ZoneId zone;

    public SiteRoutes(ZoneId zone) {
        this.zone = zone;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.GET,
                "/api/site",
                Access.PUBLIC,
                "The site's time zone",
                ctx -> Future.succeededFuture(Reply.ok(new JsonObject().put("timeZone", zone.getId()))));
    }
}
