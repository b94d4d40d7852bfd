-- Who holds a delivery's lease: <instance id>:<boot id>. A dispatcher restarted under the same instance id hands back
-- at start the leases of its earlier life, so what was in flight when it died is attempted again at once instead of
-- after the lease.
ALTER TABLE delivery ADD COLUMN leased_by TEXT;
