-- Every change of an endpoint is announced on the channel webhook_endpoints, delivered to the listening dispatchers when
-- the change commits: each keeps the enabled endpoints in memory while it listens and drops them on each notice, so
-- recording events reads no endpoint row, and no replica signs with a secret another one has rotated
-- (docs/adr/0010-webhook-delivery-window.md). Updates that change nothing (a failure while the endpoint is already
-- failing) announce nothing.
CREATE FUNCTION notify_endpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('webhook_endpoints', '');
    RETURN NULL;
END $$;

CREATE TRIGGER endpoint_inserted_or_deleted AFTER INSERT OR DELETE ON endpoint
    FOR EACH STATEMENT EXECUTE FUNCTION notify_endpoint_change();
CREATE TRIGGER endpoint_updated AFTER UPDATE ON endpoint
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION notify_endpoint_change();
CREATE TRIGGER endpoints_truncated AFTER TRUNCATE ON endpoint
    FOR EACH STATEMENT EXECUTE FUNCTION notify_endpoint_change();
