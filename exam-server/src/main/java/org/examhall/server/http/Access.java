package org.examhall.server.http;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call a route: anyone; signed-in staff of the listed roles; an exam-room terminal, which
 * proves itself with its device credential (and a candidate token once a candidate is seated); or
 * a proctor gateway with its bearer token. A staff session grants nothing on device routes.
 */
public record Access(Kind kind, Set<Role> roles) {

    public enum Kind {
        PUBLIC,
        STAFF,
        TERMINAL,
        GATEWAY
    }

    public static final Access PUBLIC = new Access(Kind.PUBLIC, Set.of());
    public static final Access TERMINAL = new Access(Kind.TERMINAL, Set.of());
    public static final Access GATEWAY = new Access(Kind.GATEWAY, Set.of());

    public static Access roles(Role first, Role... rest) {
        return new Access(Kind.STAFF, Set.copyOf(EnumSet.of(first, rest)));
    }

    public static Access anyStaff() {
        return new Access(Kind.STAFF, Set.copyOf(EnumSet.allOf(Role.class)));
    }

    /** Routes whose caller is not a staff session; their handlers authenticate the caller themselves. */
    public boolean open() {
        return kind != Kind.STAFF;
    }

    /** Routes for machines (terminals, gateways) that authenticate with their own credentials. */
    public boolean device() {
        return kind == Kind.TERMINAL || kind == Kind.GATEWAY;
    }

    public boolean allows(Role role) {
        return kind == Kind.PUBLIC || kind == Kind.STAFF && roles.contains(role);
    }
}
