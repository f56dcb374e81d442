package io.quantagent.migrations.schema;

/**
 * The {@code pg_catalog} queries a {@link CatalogReader} runs, each taking the schema name as its one parameter.
 * They run with an empty search path, so the {@code pg_get_*def} functions and {@code format_type} qualify every name
 * outside {@code pg_catalog}. Objects an extension owns (a {@code pg_depend} row of deptype 'e') are left out.
 */
final class CatalogQueries {
  private CatalogQueries() {}

  static final String SCHEMA_EXISTS = "select count(*) from pg_namespace where nspname = ?";

  private static final String NOT_IN_EXTENSION = """
       not exists (select 1 from pg_depend e where e.classid = 'pg_class'::regclass and e.objid = %s.oid
                   and e.deptype = 'e')""";

  private static final String SEQUENCE_DEFINITION = """
      'as ' || format_type(s.seqtypid, null) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
        || ' minvalue ' || s.seqmin || ' maxvalue ' || s.seqmax || ' cache ' || s.seqcache
        || case when s.seqcycle then ' cycle' else ' no cycle' end""";

  /**
   * One row per column (a table without columns gives one row of nulls), in column order. The type comes twice:
   * as declared, and without its modifier (length, precision, scale), which tells a resize from a change of type.
   */
  static final String COLUMNS = """
      select c.relname, a.attname,
             format_type(a.atttypid, a.atttypmod)
               || case when a.attcollation <> ty.typcollation
                       then ' COLLATE ' || (select quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                                            from pg_collation co join pg_namespace cn on cn.oid = co.collnamespace
                                            where co.oid = a.attcollation)
                       else '' end,
             a.attnotnull,
             case when a.attgenerated = '' then coalesce(pg_get_expr(ad.adbin, ad.adrelid, true), '') else '' end,
             case a.attidentity when 'a' then 'always' when 'd' then 'by default' else '' end,
             case when a.attgenerated <> '' then coalesce(pg_get_expr(ad.adbin, ad.adrelid, true), '') else '' end,
             coalesce(owned.definition, ''),
             format_type(a.atttypid, null)
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_type ty on ty.oid = a.atttypid
      left join pg_attrdef ad on ad.adrelid = c.oid and ad.adnum = a.attnum
      left join lateral (
        select %s as definition
        from pg_depend d join pg_sequence s on s.seqrelid = d.objid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.refobjid = c.oid
          and d.refobjsubid = a.attnum and d.deptype in ('a', 'i')
        order by s.seqrelid limit 1) owned on true
      where n.nspname = ? and c.relkind in ('r', 'p') and %s
      order by c.relname, a.attnum""".formatted(SEQUENCE_DEFINITION, NOT_IN_EXTENSION.formatted("c"));

  /** Sequences that belong to no column (serial and identity sequences belong to theirs). */
  static final String SEQUENCES = """
      select c.relname, %s
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_sequence s on s.seqrelid = c.oid
      where n.nspname = ? and c.relkind = 'S' and %s
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                        and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 and d.deptype in ('a', 'i'))
      """.formatted(SEQUENCE_DEFINITION, NOT_IN_EXTENSION.formatted("c"));

  /**
   * Primary key, unique, foreign-key, check and exclusion constraints of tables (NOT NULL is the column's), and the
   * table of this schema a foreign key references.
   */
  static final String CONSTRAINTS = """
      select r.relname, co.conname, co.contype, pg_get_constraintdef(co.oid, true),
             coalesce((select f.relname from pg_class f where f.oid = co.confrelid
                       and f.relnamespace = r.relnamespace), '')
      from pg_constraint co
      join pg_class r on r.oid = co.conrelid
      join pg_namespace n on n.oid = r.relnamespace
      where n.nspname = ? and co.contype in ('p', 'u', 'f', 'c', 'x') and %s
      """.formatted(NOT_IN_EXTENSION.formatted("r"));

  /**
   * Indexes that back no primary key, unique or exclusion constraint, and whether each is valid: a failed
   * CREATE INDEX CONCURRENTLY leaves an invalid one behind, which PostgreSQL keeps up to date but never reads.
   */
  static final String INDEXES = """
      select i.relname, t.relname, pg_get_indexdef(i.oid), x.indisvalid
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = i.relnamespace
      where n.nspname = ? and %s and %s
        and not exists (select 1 from pg_constraint co where co.conindid = x.indexrelid and co.conrelid = x.indrelid
                        and co.contype in ('p', 'u', 'x'))
      """.formatted(NOT_IN_EXTENSION.formatted("i"), NOT_IN_EXTENSION.formatted("t"));

  /** Views and materialized views, and the views of this schema each one's query reads. */
  static final String VIEWS = """
      select c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
             array(select distinct u.relname
                   from pg_rewrite rw
                   join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid
                     and d.refclassid = 'pg_class'::regclass
                   join pg_class u on u.oid = d.refobjid
                   where rw.ev_class = c.oid and u.oid <> c.oid and u.relkind in ('v', 'm')
                     and u.relnamespace = c.relnamespace
                   order by 1)
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ? and c.relkind in ('v', 'm') and %s
      """.formatted(NOT_IN_EXTENSION.formatted("c"));

  /** Functions and procedures (not aggregates), keyed by name and input argument types, as overloading is. */
  static final String ROUTINES = """
      select p.proname || '(' || oidvectortypes(p.proargtypes) || ')', p.prokind = 'p',
             coalesce(pg_get_function_result(p.oid), ''), l.lanname, pg_get_functiondef(p.oid)
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_language l on l.oid = p.prolang
      where n.nspname = ? and p.prokind in ('f', 'p')
        and not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid
                        and e.deptype = 'e')
      """;

  /** User triggers (not the internal ones behind foreign keys). */
  static final String TRIGGERS = """
      select r.relname, tg.tgname,
             pg_get_triggerdef(tg.oid, true) || case when tg.tgenabled = 'D' then ' (disabled)' else '' end
      from pg_trigger tg
      join pg_class r on r.oid = tg.tgrelid
      join pg_namespace n on n.oid = r.relnamespace
      where n.nspname = ? and not tg.tgisinternal and %s
      """.formatted(NOT_IN_EXTENSION.formatted("r"));

  /** One row per label, in sort order. */
  static final String ENUM_LABELS = """
      select t.typname, e.enumlabel
      from pg_type t
      join pg_namespace n on n.oid = t.typnamespace
      join pg_enum e on e.enumtypid = t.oid
      where n.nspname = ? and t.typtype = 'e'
        and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid
                        and x.deptype = 'e')
      order by t.typname, e.enumsortorder
      """;
}
