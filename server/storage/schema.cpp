// The server's schema, as numbered steps: a new database is created at version 1 and then goes
// through every later step, exactly as an older database is upgraded (docs/server.md, "Schema").

#include "sqlserverstore_p.h"

#include <QLoggingCategory>
#include <QSqlError>

#include <algorithm>
#include <iterator>

namespace Relais::Server {

using namespace Protocol;
using detail::InListChunk;
using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::storage;
using detail::tr;

namespace {

constexpr int SchemaVersion = 5;

// Synced columns added after version 1 (by the step that adds them): version 1 creates the tables
// without them, as they were, so that a new database takes the same path as an upgraded one.
struct LaterColumn
{
    const char16_t *table;
    const char16_t *column;
    int version;
};
constexpr LaterColumn kLaterColumns[] = {
    {u"subscriber", u"insee_code", 5},
};

bool addedLater(const QString &table, const QString &column)
{
    return std::any_of(std::begin(kLaterColumns), std::end(kLaterColumns),
                       [&](const LaterColumn &c) {
                           return table == QStringView(c.table) && column == QStringView(c.column);
                       });
}

// ALTER TABLE ... ADD COLUMN for the synced columns that step `toVersion` adds: NOT NULL columns get
// their protocol default, so that the rows already there take it.
QStringList addedColumnsSql(int toVersion, const QString &integer)
{
    QStringList out;
    for (const LaterColumn &later : kLaterColumns) {
        if (later.version != toVersion)
            continue;
        const Table *t = tableByName(QString::fromUtf16(later.table));
        const Column *c = t ? columnOf(*t, QString::fromUtf16(later.column)) : nullptr;
        if (!c)
            continue;
        QString def = c->name + u' '
                      + (c->type == ColumnType::Integer ? integer : QStringLiteral("TEXT"));
        if (!c->nullable)
            def += c->type == ColumnType::Integer
                       ? QStringLiteral(" NOT NULL DEFAULT %1").arg(c->defaultValue.toLongLong())
                       : QStringLiteral(" NOT NULL DEFAULT '%1'").arg(c->defaultValue.toString());
        out << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(t->name, def);
    }
    return out;
}

QString backupsTableSql(const QString &integer)
{
    // The backups this server wrote, and which of them were read back and verified.
    // Keyed by path: the same file name may be used again elsewhere, or after the file was removed.
    return QStringLiteral(
               "CREATE TABLE backups (path TEXT PRIMARY KEY, name TEXT NOT NULL, epoch TEXT NOT "
               "NULL, "
               "head %1 NOT NULL, row_count %1 NOT NULL, bytes %1 NOT NULL, sha256 TEXT NOT NULL, "
               "created_at TEXT NOT NULL, created_by TEXT NOT NULL, verified_at TEXT)")
        .arg(integer);
}

// Version 1, the first schema: every database starts here, and upgradeStatements() takes it on.
QStringList version1Statements(const QString &integer)
{
    QStringList s;
    s << QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    // One row: the last global change sequence number. Updating it takes the lock that makes
    // number order equal commit order.
    s << QStringLiteral(
             "CREATE TABLE global_seq (id %1 PRIMARY KEY CHECK (id = 1), value %1 NOT NULL)")
             .arg(integer);
    for (const Table &t : syncedTables()) {
        QStringList cols{QStringLiteral("id TEXT PRIMARY KEY"),
                         QStringLiteral("owner_id TEXT NOT NULL")};
        for (const Column &c : t.columns) {
            if (addedLater(t.name, c.name))
                continue;
            QString def = c.name + u' '
                          + (c.type == ColumnType::Integer ? integer : QStringLiteral("TEXT"));
            if (!c.nullable)
                def += QStringLiteral(" NOT NULL");
            cols << def;
        }
        cols << QStringLiteral("rev %1 NOT NULL DEFAULT 0").arg(integer)
             << QStringLiteral("updated_at TEXT NOT NULL")
             << QStringLiteral("updated_by TEXT NOT NULL");
        if (t.name == u"publisher")
            cols << QStringLiteral("number_next %1 NOT NULL DEFAULT 1").arg(integer);
        s << QStringLiteral("CREATE TABLE %1 (%2)").arg(t.name, cols.join(QStringLiteral(", ")));
        s << QStringLiteral("CREATE INDEX %1_owner ON %1 (owner_id, id)").arg(t.name);
    }
    s << QStringLiteral("CREATE UNIQUE INDEX publisher_code ON publisher (code)");
    // Codes and subscriber numbers are unique among a publisher's live rows. A create relies on these
    // (INSERT ... ON CONFLICT DO NOTHING, then a look at why when nothing was inserted); an update
    // checks first, since a failed statement would abort a PostgreSQL transaction.
    s << QStringLiteral(
        "CREATE UNIQUE INDEX publication_code ON publication (owner_id, code) WHERE deleted = 0");
    s << QStringLiteral(
        "CREATE UNIQUE INDEX offer_code ON offer (owner_id, code) WHERE deleted = 0");
    s << QStringLiteral(
        "CREATE UNIQUE INDEX subscriber_number ON subscriber (owner_id, number) WHERE deleted = 0");
    s << QStringLiteral(
        "CREATE INDEX delivery_change_subscription ON delivery_change (subscription_id)");
    s << QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                        "publisher_id TEXT NOT NULL REFERENCES publisher(id), role TEXT NOT NULL, "
                        "password_hash TEXT NOT NULL, disabled %1 NOT NULL DEFAULT 0, "
                        "created_at TEXT NOT NULL)")
             .arg(integer);
    s << QStringLiteral(
        "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL "
        "REFERENCES users(id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL)");
    s << QStringLiteral("CREATE TABLE login_throttle (key TEXT PRIMARY KEY, failures %1 NOT NULL, "
                        "locked_until TEXT)")
             .arg(integer);
    s << QStringLiteral("CREATE TABLE desks (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, "
                        "last_seq %1 NOT NULL DEFAULT 0, registered_at TEXT NOT NULL, "
                        "registered_by TEXT NOT NULL)")
             .arg(integer);
    // Every operation a desk pushed, with the answer it got: a repeat is answered from here.
    s << QStringLiteral(
             "CREATE TABLE ops (desk_id TEXT NOT NULL, seq %1 NOT NULL, op_id TEXT NOT NULL "
             "UNIQUE, "
             "digest TEXT NOT NULL, status TEXT NOT NULL, rev %1 NOT NULL, result TEXT NOT NULL, "
             "op TEXT NOT NULL, user_name TEXT NOT NULL, received_at TEXT NOT NULL, "
             "PRIMARY KEY (desk_id, seq))")
             .arg(integer);
    // The global change sequence: one entry per applied operation, with the row as it then stood.
    s << QStringLiteral("CREATE TABLE change_log (seq %1 PRIMARY KEY, owner_id TEXT NOT NULL, "
                        "entity TEXT NOT NULL, entity_id TEXT NOT NULL, row_json TEXT NOT NULL)")
             .arg(integer);
    s << QStringLiteral("CREATE INDEX change_log_owner ON change_log (owner_id, seq)");
    s << QStringLiteral(
             "CREATE TABLE number_leases (owner_id TEXT NOT NULL, first_number %1 NOT NULL, "
             "last_number %1 NOT NULL, desk_id TEXT NOT NULL, leased_by TEXT NOT NULL, "
             "leased_at TEXT NOT NULL, PRIMARY KEY (owner_id, first_number))")
             .arg(integer);
    return s;
}

// Schema changes after version 1, by the version they lead to.
QStringList upgradeStatements(int toVersion, const QString &integer)
{
    switch (toVersion) {
    case 2:
        return {QStringLiteral("ALTER TABLE desks ADD COLUMN backup_seq %1 NOT NULL DEFAULT 0")
                    .arg(integer),
                QStringLiteral("ALTER TABLE desks ADD COLUMN reseeded_seq %1 NOT NULL DEFAULT 0")
                    .arg(integer),
                backupsTableSql(integer),
                QStringLiteral("INSERT INTO meta (key, value) VALUES ('epoch_start', '0') ON "
                               "CONFLICT DO NOTHING")};
    case 3:
        // Throttle rows age out (last_at); a backup may hold one publisher only (publisher_id).
        return {QStringLiteral("ALTER TABLE login_throttle ADD COLUMN last_at TEXT"),
                QStringLiteral("ALTER TABLE backups ADD COLUMN publisher_id TEXT"),
                QStringLiteral("CREATE INDEX sessions_user ON sessions (user_id, created_at)")};
    case 4:
        // The desks at a glance (deskstatus.cpp): the server's times of each desk's last push and
        // pull, and the desk's latest report.
        return {QStringLiteral("ALTER TABLE desks ADD COLUMN last_push_at TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN last_pull_at TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN reported_at TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN reported_by TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN host TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN queue_depth %1").arg(integer),
                QStringLiteral("ALTER TABLE desks ADD COLUMN oldest_queued_at TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN epoch_seen TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN numbers_left %1").arg(integer),
                QStringLiteral("ALTER TABLE desks ADD COLUMN app_version TEXT"),
                QStringLiteral("ALTER TABLE desks ADD COLUMN clock_skew_seconds %1").arg(integer)};
    case 5:
        // The INSEE commune code of a subscriber's address (kept from address files made elsewhere).
        return addedColumnsSql(5, integer);
    }
    return {};
}

} // namespace

bool SqlServerStore::isInitialized()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'")) && q.next();
}

Status SqlServerStore::init()
{
    if (isInitialized())
        return Error::make(ErrorKind::Conflict, QStringLiteral("init.exists"),
                           tr("This database already holds a Relais server schema; init refuses to "
                              "overwrite it."));
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    QSqlQuery q(m_db);
    // Version 1, then every later step, as an older database is upgraded: one path to each schema.
    for (int v = 1; v <= SchemaVersion; ++v)
        for (const QString &sql :
             v == 1 ? version1Statements(integerType()) : upgradeStatements(v, integerType()))
            if (!q.exec(sql))
                return storage(sql, q.lastError());
    const QString epoch = newId();
    // (epoch_start comes from step 2.)
    for (const auto &[k, v] :
         {std::pair{QStringLiteral("epoch"), epoch},
          std::pair{QStringLiteral("schema_version"), QString::number(SchemaVersion)},
          std::pair{QStringLiteral("created_at"), isoUtc(QDateTime::currentDateTimeUtc())}}) {
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)"));
        q.addBindValue(k);
        q.addBindValue(v);
        if (!q.exec())
            return storage(QStringLiteral("meta"), q.lastError());
    }
    if (!q.exec(QStringLiteral("INSERT INTO global_seq (id, value) VALUES (1, 0)")))
        return storage(QStringLiteral("global_seq"), q.lastError());
    return tx.commit();
}

Status SqlServerStore::upgradeSchema()
{
    if (!isInitialized())
        return Ok{};
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    QSqlQuery q(m_db);
    // Another process starting at the same time waits here, then finds the schema up to date.
    if (const QString lock = schemaLockSql(); !lock.isEmpty() && !q.exec(lock))
        return storage(QStringLiteral("schema lock"), q.lastError());
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) || !q.next())
        return storage(QStringLiteral("schema_version"), q.lastError());
    const int version = q.value(0).toInt();
    q.finish();
    if (version > SchemaVersion)
        return Error::make(
            ErrorKind::Storage, QStringLiteral("store.newer"),
            tr("This database has server schema %1; this relais-server knows up to %2. "
               "Run a newer relais-server.")
                .arg(version)
                .arg(SchemaVersion));
    if (version == SchemaVersion)
        return Ok{};
    for (int v = version + 1; v <= SchemaVersion; ++v)
        for (const QString &sql : upgradeStatements(v, integerType()))
            if (!q.exec(sql))
                return storage(sql, q.lastError());
    q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"));
    q.addBindValue(QString::number(SchemaVersion));
    if (!q.exec())
        return storage(QStringLiteral("schema_version"), q.lastError());
    qCInfo(lcStore) << "server schema upgraded from" << version << "to" << SchemaVersion;
    return tx.commit();
}

} // namespace Relais::Server
