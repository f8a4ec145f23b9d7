#include "migrations.h"

#include "database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Relais::Migrations {

namespace {

// Columns every synced table carries (see DESIGN.md, Data).
#define RELAIS_SYNC_COLUMNS                                                                        \
    "rev INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0, "                         \
    "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL"

// Each synced table has a local INTEGER PRIMARY KEY `seq` (stable rowid for the search index and
// the paged lists; VACUUM may renumber an implicit rowid) and the global UUID `id`.
const QStringList kStep1 = {
    QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT"),
    QStringLiteral("CREATE TABLE publisher (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                   "code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, " RELAIS_SYNC_COLUMNS
                   ") STRICT"),
    QStringLiteral(
        "CREATE TABLE publication (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "publisher_id TEXT NOT NULL REFERENCES publisher(id), code TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, periodicity TEXT NOT NULL, weekdays INTEGER NOT NULL, "
        "cutoff TEXT NOT NULL, " RELAIS_SYNC_COLUMNS ") STRICT"),
    QStringLiteral(
        "CREATE TABLE offer (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "publication_id TEXT NOT NULL REFERENCES publication(id), code TEXT NOT NULL UNIQUE, "
        "label TEXT NOT NULL, months INTEGER NOT NULL CHECK (months > 0), "
        "price_cents INTEGER NOT NULL CHECK (price_cents >= 0), channel TEXT NOT "
        "NULL, " RELAIS_SYNC_COLUMNS ") STRICT"),
    QStringLiteral(
        "CREATE TABLE subscriber (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "number INTEGER NOT NULL UNIQUE, publisher_id TEXT NOT NULL REFERENCES publisher(id), "
        "civility TEXT NOT NULL DEFAULT '', first_name TEXT NOT NULL DEFAULT '', "
        "last_name TEXT NOT NULL DEFAULT '', company TEXT NOT NULL DEFAULT '', "
        "line2 TEXT NOT NULL DEFAULT '', line3 TEXT NOT NULL DEFAULT '', "
        "line4 TEXT NOT NULL DEFAULT '', line5 TEXT NOT NULL DEFAULT '', "
        "postal_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', "
        "country TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', "
        "phone TEXT NOT NULL DEFAULT '', consents TEXT NOT NULL DEFAULT '', "
        "notes TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '', " RELAIS_SYNC_COLUMNS
        ") STRICT"),
    QStringLiteral("CREATE INDEX subscriber_sort ON subscriber(sort_key, number)"),
    QStringLiteral("CREATE INDEX subscriber_postal ON subscriber(postal_code, sort_key)"),
    QStringLiteral(
        "CREATE TABLE subscription (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "recipient_id TEXT NOT NULL REFERENCES subscriber(id), "
        "payer_id TEXT NOT NULL REFERENCES subscriber(id), "
        "offer_id TEXT NOT NULL REFERENCES offer(id), "
        "publication_id TEXT NOT NULL REFERENCES publication(id), "
        "start_date TEXT NOT NULL, end_date TEXT, copies INTEGER NOT NULL CHECK (copies > 0), "
        "auto_renew INTEGER NOT NULL DEFAULT 0, cancel_date TEXT, "
        "cancel_reason TEXT NOT NULL DEFAULT '', " RELAIS_SYNC_COLUMNS ") STRICT"),
    QStringLiteral(
        "CREATE INDEX subscription_delivery ON subscription(publication_id, start_date)"),
    QStringLiteral("CREATE INDEX subscription_recipient ON subscription(recipient_id)"),
    QStringLiteral("CREATE INDEX subscription_payer ON subscription(payer_id)"),
    QStringLiteral("CREATE INDEX subscription_end ON subscription(end_date)"),
    QStringLiteral(
        "CREATE TABLE delivery_change (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "subscription_id TEXT NOT NULL REFERENCES subscription(id), "
        "kind TEXT NOT NULL CHECK (kind IN ('hold', 'address')), "
        "from_date TEXT NOT NULL, to_date TEXT NOT NULL, "
        "line2 TEXT NOT NULL DEFAULT '', line3 TEXT NOT NULL DEFAULT '', "
        "line4 TEXT NOT NULL DEFAULT '', line5 TEXT NOT NULL DEFAULT '', "
        "postal_code TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', "
        "country TEXT NOT NULL DEFAULT '', compensation TEXT NOT NULL DEFAULT "
        "'none', " RELAIS_SYNC_COLUMNS ") STRICT"),
    QStringLiteral(
        "CREATE INDEX delivery_change_subscription ON delivery_change(subscription_id, kind)"),
    QStringLiteral("CREATE INDEX delivery_change_from ON delivery_change(from_date)"),
    QStringLiteral(
        "CREATE TABLE complaint (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "subscription_id TEXT NOT NULL REFERENCES subscription(id), "
        "issue_date TEXT NOT NULL, kind TEXT NOT NULL, "
        "compensation_issues INTEGER NOT NULL DEFAULT 0 CHECK (compensation_issues >= 0), "
        "note TEXT NOT NULL DEFAULT '', " RELAIS_SYNC_COLUMNS ") STRICT"),
    QStringLiteral("CREATE INDEX complaint_subscription ON complaint(subscription_id)"),
    QStringLiteral(
        "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, clerk TEXT NOT NULL, "
        "desk_id TEXT NOT NULL, channel TEXT NOT NULL, entity TEXT NOT NULL, "
        "entity_id TEXT NOT NULL, operation TEXT NOT NULL, old_values TEXT NOT NULL, "
        "new_values TEXT NOT NULL, op_id TEXT NOT NULL) STRICT"),
    QStringLiteral("CREATE INDEX audit_entity ON audit(entity_id, id)"),
    // The outbox: seq is the desk sequence number (1, 2, 3 ...), never reused.
    QStringLiteral(
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, "
        "desk_id TEXT NOT NULL, operation TEXT NOT NULL, entity TEXT NOT NULL, "
        "entity_id TEXT NOT NULL, fields TEXT NOT NULL, base TEXT NOT NULL, "
        "clerk TEXT NOT NULL, at TEXT NOT NULL, schema_version INTEGER NOT NULL, "
        "state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'rejected')), "
        "server_rev INTEGER, result TEXT) STRICT"),
    QStringLiteral("CREATE INDEX outbox_state ON outbox(state, seq)"),
};

// Full-text search over subscribers: accent- and case-insensitive, with prefix indexes so that
// "dup" finds Dupont at once. Contentless to halve its size; the triggers hand it the exact
// values to delete, computed the same way as those inserted.
#define RELAIS_FTS_VALUES(r)                                                                       \
    r ".first_name || ' ' || " r ".last_name, " r ".company, CAST(" r ".number AS TEXT), " r       \
      ".postal_code, " r ".city, " r ".email, "                                                    \
      "replace(replace(replace(replace(" r ".phone, ' ', ''), '.', ''), '-', ''), '+', '')"
const QStringList kStep2 = {
    QStringLiteral("CREATE VIRTUAL TABLE subscriber_fts USING fts5(name, company, number, "
                   "postal_code, city, email, phone, content='', "
                   "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"),
    QStringLiteral(
        "INSERT INTO subscriber_fts(rowid, name, company, number, postal_code, city, email, "
        "phone) SELECT seq, " RELAIS_FTS_VALUES("subscriber") " FROM subscriber "
                                                              "WHERE deleted = 0"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_insert AFTER INSERT ON subscriber WHEN new.deleted = 0 "
        "BEGIN INSERT INTO subscriber_fts(rowid, name, company, number, postal_code, city, "
        "email, phone) VALUES (new.seq, " RELAIS_FTS_VALUES("new") "); END"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_delete AFTER DELETE ON subscriber WHEN old.deleted = 0 "
        "BEGIN INSERT INTO subscriber_fts(subscriber_fts, rowid, name, company, number, "
        "postal_code, city, email, phone) VALUES ('delete', old.seq, " RELAIS_FTS_VALUES(
            "old") "); END"),
    // One trigger for both halves of an update: SQLite fires separate triggers newest first, and a
    // contentless index must see the delete of the old values before the insert of the new ones.
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_update AFTER UPDATE OF first_name, last_name, "
        "company, number, postal_code, city, email, phone, deleted ON subscriber BEGIN "
        "INSERT INTO subscriber_fts(subscriber_fts, rowid, name, company, number, "
        "postal_code, city, email, phone) SELECT 'delete', old.seq, " RELAIS_FTS_VALUES(
            "old") " WHERE old.deleted = 0; "
                   "INSERT INTO subscriber_fts(rowid, name, company, number, postal_code, city, "
                   "email, phone) SELECT new.seq, " RELAIS_FTS_VALUES(
                       "new") " WHERE new.deleted = 0; END"),
};

// The log of every export handed to a mailing house (who, when, which issue, rows, checksum).
const QStringList kStep3 = {
    QStringLiteral(
        "CREATE TABLE export_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
        "clerk TEXT NOT NULL, desk_id TEXT NOT NULL, publication_code TEXT NOT NULL, "
        "issue_date TEXT NOT NULL, preset TEXT NOT NULL, file_name TEXT NOT NULL, "
        "rows INTEGER NOT NULL, sha256 TEXT NOT NULL, warnings INTEGER NOT NULL DEFAULT 0) "
        "STRICT"),
};

// The paged subscriber list walks live subscribers in name order; with tombstones present the full
// index would make every page skip them one by one. `deleted` is in the key so that the index
// covers the query (SQLite does not infer it from the WHERE of a partial index).
const QStringList kStep4 = {
    QStringLiteral(
        "CREATE INDEX subscriber_live ON subscriber(sort_key, number, deleted) WHERE deleted = 0"),
};

// Bulk imports index their rows in one statement at the end (FTS5 flushes its pending data at every
// statement savepoint, which the per-row trigger opened for every batch): while the import's own
// transaction holds meta.search_index_deferred, the insert trigger stands aside.
const QStringList kStep5 = {
    QStringLiteral("DROP TRIGGER subscriber_fts_insert"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_insert AFTER INSERT ON subscriber WHEN new.deleted = 0 "
        "AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'search_index_deferred') "
        "BEGIN INSERT INTO subscriber_fts(rowid, name, company, number, postal_code, city, "
        "email, phone) VALUES (new.seq, " RELAIS_FTS_VALUES("new") "); END"),
};

// Desk sync (app/sync): the outbox gains the states an operation can end in — acknowledged,
// in conflict (applied in part; its fields wait for a clerk), rejected (set aside with its reason),
// withdrawn by a clerk — and when it was sent and answered; open conflicts field by field (before,
// mine, now on the server); a journal of sync rounds that support can read. The sync engine's own
// settings and cursors live in meta (server_url, server_epoch, pull_cursor, desk_acked_seq, ...).
const QStringList kStep6 = {
    QStringLiteral("CREATE TABLE outbox_new (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, "
                   "desk_id TEXT NOT NULL, operation TEXT NOT NULL, entity TEXT NOT NULL, "
                   "entity_id TEXT NOT NULL, fields TEXT NOT NULL, base TEXT NOT NULL, "
                   "clerk TEXT NOT NULL, at TEXT NOT NULL, schema_version INTEGER NOT NULL, "
                   "state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN "
                   "('pending', 'acked', 'conflict', 'rejected', 'withdrawn')), "
                   "server_rev INTEGER, result TEXT, sent_at TEXT, answered_at TEXT) STRICT"),
    QStringLiteral(
        "INSERT INTO outbox_new (seq, op_id, desk_id, operation, entity, entity_id, fields, "
        "base, clerk, at, schema_version, state, server_rev, result) SELECT seq, op_id, "
        "desk_id, operation, entity, entity_id, fields, base, clerk, at, schema_version, "
        "state, server_rev, result FROM outbox"),
    QStringLiteral("DROP TABLE outbox"),
    QStringLiteral("ALTER TABLE outbox_new RENAME TO outbox"),
    QStringLiteral("CREATE INDEX outbox_state ON outbox(state, seq)"),
    QStringLiteral("CREATE INDEX outbox_entity ON outbox(entity_id, state)"),
    QStringLiteral(
        "CREATE TABLE sync_conflict (id INTEGER PRIMARY KEY, op_seq INTEGER NOT NULL, "
        "op_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
        "field TEXT NOT NULL, base TEXT NOT NULL, mine TEXT NOT NULL, server TEXT NOT NULL, "
        "detected_at TEXT NOT NULL, resolved_at TEXT, resolution TEXT, resolved_by TEXT) STRICT"),
    QStringLiteral(
        "CREATE INDEX sync_conflict_open ON sync_conflict(entity_id) WHERE resolved_at IS NULL"),
    QStringLiteral(
        "CREATE TABLE sync_journal (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, "
        "finished_at TEXT NOT NULL, outcome TEXT NOT NULL, pushed INTEGER NOT NULL DEFAULT 0, "
        "applied INTEGER NOT NULL DEFAULT 0, conflicts INTEGER NOT NULL DEFAULT 0, "
        "rejected INTEGER NOT NULL DEFAULT 0, pulled INTEGER NOT NULL DEFAULT 0, "
        "server_seq INTEGER NOT NULL DEFAULT 0, epoch TEXT NOT NULL DEFAULT '', "
        "duration_ms INTEGER NOT NULL DEFAULT 0, message TEXT NOT NULL DEFAULT '') STRICT"),
};

// Imports commit in chunks (app/csv/csvimport.cpp, models/importguard.h): every outbox operation
// an import writes carries the import's id until the end, so that an import that fails, is
// cancelled or dies half way can be taken back whole (its rows, their audit entries and operations).
const QStringList kStep7 = {
    QStringLiteral("ALTER TABLE outbox ADD COLUMN import_id TEXT"),
    QStringLiteral("CREATE INDEX outbox_import ON outbox(import_id) WHERE import_id IS NOT NULL"),
};

// A pulled row of which a local operation held some columns waits here (the latest per row) until
// the operation is answered, then is applied again: an operation the server already had (a repeat,
// after a restore) would otherwise leave the desk without the changes made since (models/inbound.h).
const QStringList kStep8 = {
    QStringLiteral("CREATE TABLE sync_deferred (entity TEXT NOT NULL, entity_id TEXT NOT NULL, seq "
                   "INTEGER NOT NULL, "
                   "row TEXT NOT NULL, PRIMARY KEY (entity, entity_id)) STRICT"),
};

// The INSEE commune code of the subscriber's address (address files from elsewhere carry one; the
// import checks it against the postal code and keeps it): synced like the other address columns.
// Rows written before it have none.
const QStringList kStep9 = {
    QStringLiteral("ALTER TABLE subscriber ADD COLUMN insee_code TEXT NOT NULL DEFAULT ''"),
};

// Search indexing set aside by a seq threshold: while meta holds 'search_index_deferred' (a bulk
// import, inside its transaction) or 'bootstrap_search_after' (a first copy, from its first page
// to its last), subscribers numbered above its value are left to the one statement that indexes
// them at the end, and all three triggers stand aside for them: a row inserted unindexed and then
// changed or deleted must not hand the contentless index a delete for an entry it never had.
// A first copy indexes a million subscribers in about a third of the time it took page by page.
#define RELAIS_FTS_ASIDE(r)                                                                        \
    "EXISTS (SELECT 1 FROM meta WHERE key IN ('search_index_deferred', "                           \
    "'bootstrap_search_after') AND " r ".seq > CAST(value AS INTEGER))"
const QStringList kStep10 = {
    QStringLiteral("DROP TRIGGER subscriber_fts_insert"),
    QStringLiteral("DROP TRIGGER subscriber_fts_delete"),
    QStringLiteral("DROP TRIGGER subscriber_fts_update"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_insert AFTER INSERT ON subscriber WHEN new.deleted = 0 "
        "AND NOT " RELAIS_FTS_ASIDE("new") " BEGIN INSERT INTO subscriber_fts(rowid, name, "
                                           "company, number, postal_code, city, email, phone) "
                                           "VALUES (new.seq, " RELAIS_FTS_VALUES("new") "); END"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_delete AFTER DELETE ON subscriber WHEN old.deleted = 0 "
        "AND NOT " RELAIS_FTS_ASIDE("old") " BEGIN INSERT INTO subscriber_fts(subscriber_fts, "
                                           "rowid, name, company, number, postal_code, city, "
                                           "email, phone) VALUES ('delete', "
                                           "old.seq, " RELAIS_FTS_VALUES("old") "); END"),
    QStringLiteral(
        "CREATE TRIGGER subscriber_fts_update AFTER UPDATE OF first_name, last_name, "
        "company, number, postal_code, city, email, phone, deleted ON subscriber "
        "WHEN NOT " RELAIS_FTS_ASIDE(
            "old") " BEGIN "
                   "INSERT INTO subscriber_fts(subscriber_fts, rowid, name, company, number, "
                   "postal_code, city, email, phone) SELECT 'delete', old.seq, " RELAIS_FTS_VALUES(
                       "old") " WHERE old.deleted = 0; "
                              "INSERT INTO subscriber_fts(rowid, name, company, number, "
                              "postal_code, city, "
                              "email, phone) SELECT new.seq, " RELAIS_FTS_VALUES(
                                  "new") " WHERE new.deleted = 0; END"),
};

const QList<QStringList> &allSteps()
{
    static const QList<QStringList> steps = {kStep1, kStep2, kStep3, kStep4, kStep5,
                                             kStep6, kStep7, kStep8, kStep9, kStep10};
    return steps;
}

} // namespace

QString indexSubscribersAfterSql()
{
    return QStringLiteral(
        "INSERT INTO subscriber_fts(rowid, name, company, number, postal_code, city, email, "
        "phone) SELECT seq, " RELAIS_FTS_VALUES(
            "subscriber") " FROM subscriber "
                          "WHERE seq > ? AND deleted = 0 "
                          "AND NOT EXISTS (SELECT 1 FROM meta "
                          "WHERE key = 'bootstrap_search_after' "
                          "AND subscriber.seq > CAST(value AS "
                          "INTEGER))");
}

int currentVersion()
{
    return int(allSteps().size());
}

QStringList step(int version)
{
    return allSteps().value(version - 1);
}

int versionOf(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status migrate(QSqlDatabase &db, int target)
{
    if (target < 0)
        target = currentVersion();
    const int have = versionOf(db);
    if (have < 0)
        return Error::make(ErrorKind::Storage, QStringLiteral("schema.unreadable"),
                           QCoreApplication::translate("Relais",
                                                       "Cannot read the schema version of %1: %2")
                               .arg(db.databaseName(), db.lastError().text()));
    if (have > currentVersion())
        return Error::make(ErrorKind::Storage, QStringLiteral("schema.newer"),
                           QCoreApplication::translate(
                               "Relais", "The database %1 has schema version %2, newer than this "
                                         "program understands (%3). Install a newer Relais.")
                               .arg(db.databaseName())
                               .arg(have)
                               .arg(currentVersion()));
    for (int v = have + 1; v <= target; ++v) {
        Transaction tx(db);
        if (!tx.isOpen())
            return tx.beginError();
        QSqlQuery q(db);
        for (const QString &sql : step(v)) {
            if (!q.exec(sql))
                return storageError(
                    QCoreApplication::translate("Relais", "Migration to schema version %1 failed")
                        .arg(v),
                    q.lastError().text() + QStringLiteral(" [") + sql + u']');
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v)))
            return storageError(QStringLiteral("PRAGMA user_version"), q.lastError().text());
        if (Status s = tx.commit(); !s)
            return s;
    }
    return Ok{};
}

} // namespace Relais::Migrations
