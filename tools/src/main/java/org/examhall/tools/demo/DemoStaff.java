package org.examhall.tools.demo;

import io.vertx.core.Future;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffDirectory;
import org.examhall.server.staff.StaffProvisioning;

/**
 * The demo's staff accounts. Their passwords are printed on start, which is why they exist only in
 * demo mode; outside it the first administrator is made with {@code ./examhall staff-add}.
 */
public final class DemoStaff {

    public record Account(String username, String displayName, Role role, String password) {}

    public static final List<Account> ACCOUNTS = List.of(
            new Account("admin", "考试机构管理员（演示）", Role.BUREAU_ADMIN, "demo-admin-2026"),
            new Account("proctor1", "监考员 张敏（演示）", Role.PROCTOR, "demo-proctor-2026"),
            new Account("proctor2", "监考员 李强（演示）", Role.PROCTOR, "demo-proctor-2026"),
            new Account("institution1", "安培职业培训学校（演示）", Role.INSTITUTION, "demo-institution-2026"),
            new Account("auditor", "审计员（演示）", Role.AUDITOR, "demo-auditor-2026"));

    private DemoStaff() {}

    /** Creates the accounts that are missing; existing ones (and their changed passwords) are left alone. */
    public static Future<Void> seed(StaffDirectory directory, StaffProvisioning provisioning) {
        Future<Void> chain = Future.succeededFuture();
        Actor actor = Actor.system("demo");
        for (Account account : ACCOUNTS) {
            chain = chain.compose(x -> directory
                    .byUsername(account.username())
                    .compose(found -> found.isPresent()
                            ? Future.succeededFuture()
                            : provisioning
                                    .create(
                                            account.username(),
                                            account.displayName(),
                                            account.role(),
                                            account.password(),
                                            false,
                                            actor)
                                    .mapEmpty()));
        }
        return chain;
    }
}
