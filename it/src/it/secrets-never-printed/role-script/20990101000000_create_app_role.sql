-- // create app role
CREATE ROLE quantagent_it_app LOGIN PASSWORD 'Role-s3cret-7' VALID UNTIL 'not a date';
-- //@UNDO
DROP ROLE quantagent_it_app;
