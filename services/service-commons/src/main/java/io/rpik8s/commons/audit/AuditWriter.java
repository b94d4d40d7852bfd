package io.rpik8s.commons.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Writes one audit row of a change in the service's own audit table, with the client it is given (a connection of
 * the change's transaction, or the pool for a change that is audited alone).
 *
 * @param <A> what the service audits of a change
 */
@FunctionalInterface
public interface AuditWriter<A> {

    Uni<?> write(SqlClient sql, A entry);
}
