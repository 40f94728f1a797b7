package org.examhall.server.http;

import java.util.EnumSet;
import java.util.Set;

/** Who may call a route: anyone, or signed-in staff of the listed roles. */
public record Access(boolean open, Set<Role> roles) {

  public static final Access PUBLIC = new Access(true, Set.of());

  public static Access roles(Role first, Role... rest) {
    return new Access(false, Set.copyOf(EnumSet.of(first, rest)));
  }

  public static Access anyStaff() {
    return new Access(false, Set.copyOf(EnumSet.allOf(Role.class)));
  }

  public boolean allows(Role role) {
    return open || roles.contains(role);
  }
}
