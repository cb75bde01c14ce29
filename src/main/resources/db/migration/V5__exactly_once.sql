-- Exactly-once under crashes, uncertain answers and several planners.

-- The re-export guard as a constraint: one row per (PO, serial, ordered part) that is bought or may have been
-- bought. A second planner (another instance, another file) that tries to order the same line for the same PO
-- fails on the primary key and plans the PO again, now seeing the first. Rows are removed only when TAP provably
-- holds no order for the line (a documented refusal after nothing but certain attempts, or the order ended ERROR).
-- customerPONumber has no documented length limit: the ledger holds 1000 characters (longer ones are refused)
alter table order_line alter column po_number set data type varchar(1000);
alter table tap_batch alter column po_number set data type varchar(1000);

create table order_guard (
  po_number    varchar(1000) not null,
  serial_key   varchar(100) not null,               -- upper-case serial number (TAP compares without case)
  part_number  varchar(100) not null,               -- the part ordered (after a renewal-part substitution)
  line_id      bigint       not null references order_line (id),
  constraint pk_order_guard primary key (po_number, serial_key, part_number)
);
create index ix_order_guard_line on order_guard (line_id);
insert into order_guard (po_number, serial_key, part_number, line_id)
  select l.po_number, upper(l.serial_number), coalesce(l.sent_part_number, l.part_number), min(l.id)
  from order_line l join tap_batch b on b.id = l.batch_id
  where l.state = 'ACCEPTED' and b.state not in ('REJECTED', 'ERROR') and l.serial_number is not null
    and coalesce(l.sent_part_number, l.part_number) is not null
  group by l.po_number, upper(l.serial_number), coalesce(l.sent_part_number, l.part_number);

-- Create calls whose outcome was unknown (no answer, 5xx, an undocumented answer). A later documented refusal
-- of such a batch does not prove that nothing was bought: its lines stay in the guard.
alter table tap_batch add column uncertain_creates integer not null default 0;
