-- Rows that change at every step are kept thin.
-- tap_batch is updated at every call and scanned by every claim. With the create payload (several KB) inline,
-- every update rewrote the payload and every scan read it. The payload is written once and read at send time,
-- so it moves to its own table.
create table tap_batch_payload (
  batch_id  bigint not null primary key references tap_batch (id),
  payload   text   not null                         -- the exact TAP_CREATE_ORDER_API envelope, re-sent unchanged
);
insert into tap_batch_payload (batch_id, payload) select id, payload from tap_batch;
alter table tap_batch drop column payload;

-- A line's state changes once (STAGED -> ACCEPTED/REJECTED). With state in the index, each verdict also moved an
-- index entry. The lookups by PO filter on state just as well from the row.
drop index ix_order_line_po;
create index ix_order_line_po on order_line (po_number, file_id);

-- One planner per file: the planning route takes the file with a lease, renewed at every PO it plans, so that a
-- resume run (or a second instance) never plans a file that is being planned; a crashed planner's file is taken
-- up again once the lease has run out.
alter table erp_file add column lease_owner varchar(100);
alter table erp_file add column lease_until timestamp with time zone;
