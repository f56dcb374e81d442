-- // create from property
CREATE TABLE from_property (id int);

-- //@UNDO
DROP TABLE from_property;
