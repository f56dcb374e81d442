-- // create risk
create table risk (id int);
-- //@UNDO
drop table risk;
