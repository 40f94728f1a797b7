package org.examhall.tools.demo;

import io.vertx.core.Future;
import org.examhall.bank.demo.DemoBank;
import org.examhall.server.ExamServer;
import org.examhall.server.audit.Actor;
import org.examhall.server.bank.BankSeed;

/**
 * Everything the demo puts into a node before its port opens, so that "ready" means the demo accounts
 * work: the library's demo bank, the staff accounts, the room and session, the proctor gateway and the
 * training institution. Each part checks before it creates, so a restarted demo keeps its data.
 */
public final class DemoData implements ExamServer.Seed {

    private volatile DemoExam.Info exam;

    @Override
    public Future<Void> seed(ExamServer.Parts node) {
        ExamServer.Services services = node.services();
        // Parsing the bank's JSON takes a few hundred milliseconds on a busy machine: not on the event loop.
        return node.vertx()
                .executeBlocking(DemoBank::load)
                .compose(bank -> BankSeed.seed(
                        services.bankCatalog(), services.audit(), bank.bank(), bank.blueprints(), Actor.system("demo")))
                .compose(x -> DemoStaff.seed(services.staffDirectory(), services.staffProvisioning()))
                .compose(x -> DemoExam.seed(node.pool(), node.delivery(), services.staffDirectory()))
                .compose(info -> DemoGateway.seed(
                                node.pool(),
                                node.delivery().gateways(),
                                node.config().dataPath().resolve("keys"),
                                node.config().demoGatewayUrl)
                        .map(info))
                .compose(info -> services.staffDirectory()
                        .byUsername("institution1")
                        .compose(account -> DemoInstitution.seed(
                                node.pool(),
                                node.institutions().institutions(),
                                account.orElseThrow().id()))
                        .map(info))
                .map(info -> {
                    exam = info;
                    return null;
                });
    }

    /** The demo session's seats and enrolment codes, once the node has started. */
    public DemoExam.Info exam() {
        return exam;
    }
}
