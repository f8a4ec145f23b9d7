#include "sqlserverstore_p.h"

#include "rules.h"
#include "validation.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QScopeGuard>
#include <QSqlRecord>
#include <QUuid>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStore, "relais.server.store")

namespace Relais::Server {

using namespace Protocol;

namespace {

// Columns the server computes from others: a subscriber's sort key comes from its name. A desk's
// value is ignored (two desks changing the first and the last name would otherwise conflict on
// it), and the key is computed from the row after the change.
bool derivedColumn(const Table &table, const QString &column)
{
    return table.name == u"subscriber" && column == u"sort_key";
}

void deriveColumns(const Table &table, QVariantMap *row, QStringList *changed, bool create)
{
    if (table.name != u"subscriber")
        return;
    static const QString kSortKey = QStringLiteral("sort_key");
    bool nameChanged = create;
    for (const char *c : {"last_name", "first_name", "company"})
        nameChanged = nameChanged || changed->contains(QLatin1StringView(c));
    if (!nameChanged)
        return;
    const QString key = Validation::sortKey(row->value(QStringLiteral("last_name")).toString(),
                                            row->value(QStringLiteral("first_name")).toString(),
                                            row->value(QStringLiteral("company")).toString());
    if (row->value(kSortKey).toString() == key)
        return;
    row->insert(kSortKey, key);
    if (!changed->contains(kSortKey))
        changed->append(kSortKey);
}

using detail::isoUtc;
using detail::newId;
using detail::placeholders;
using detail::InListChunk;
using detail::storage;
using detail::tr;

constexpr int SchemaVersion = 3;

bool sameValue(const QVariant &a, const QVariant &b)
{
    const bool an = !a.isValid() || a.isNull();
    const bool bn = !b.isValid() || b.isNull();
    if (an || bn)
        return an == bn;
    return a.toString() == b.toString();
}

// Which table a reference column points to.
QString referencedTable(const QString &column)
{
    if (column == u"publication_id")
        return QStringLiteral("publication");
    if (column == u"offer_id")
        return QStringLiteral("offer");
    if (column == u"recipient_id" || column == u"payer_id")
        return QStringLiteral("subscriber");
    if (column == u"subscription_id")
        return QStringLiteral("subscription");
    return {};
}

QVariant normalized(const Column &c, const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QVariant();
    if (c.type == ColumnType::Integer)
        return QVariant(v.toLongLong());
    // A null QString would be bound as SQL NULL; NOT NULL text columns hold '' instead.
    const QString s = v.toString();
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

// Statements that depend only on the table, built once.
struct TableSql
{
    QString load;   // SELECT owner_id, <columns> FROM t WHERE id = ?
    QString loadMany; // SELECT id, owner_id, <columns> FROM t WHERE id IN (%1)
    QString insert; // INSERT INTO t (id, owner_id, <columns>, rev, updated_at, updated_by) VALUES (...)
    QStringList insertColumns;
};

const TableSql &sqlFor(const Table &table)
{
    static const QHash<QString, TableSql> all = [] {
        QHash<QString, TableSql> h;
        for (const Table &t : syncedTables()) {
            QStringList cols;
            for (const Column &c : t.columns)
                cols << c.name;
            QStringList insertCols{QStringLiteral("id"), QStringLiteral("owner_id")};
            insertCols << cols << QStringLiteral("rev") << QStringLiteral("updated_at") << QStringLiteral("updated_by");
            h.insert(t.name, TableSql{QStringLiteral("SELECT owner_id, %1 FROM %2 WHERE id = ?").arg(cols.join(u','), t.name),
                                      QStringLiteral("SELECT id, owner_id, %1 FROM %2 WHERE id IN (%3)")
                                          .arg(cols.join(u','), t.name, QStringLiteral("%1")),
                                      QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT DO NOTHING")
                                          .arg(t.name, insertCols.join(u','), placeholders(insertCols.size())),
                                      insertCols});
        }
        return h;
    }();
    return *all.constFind(table.name);
}

QString backupsTableSql(const QString &integer)
{
    // The backups this server wrote, and which of them were read back and verified.
    // Keyed by path: the same file name may be used again elsewhere, or after the file was removed.
    return QStringLiteral("CREATE TABLE backups (path TEXT PRIMARY KEY, name TEXT NOT NULL, epoch TEXT NOT NULL, "
                          "head %1 NOT NULL, row_count %1 NOT NULL, bytes %1 NOT NULL, sha256 TEXT NOT NULL, "
                          "created_at TEXT NOT NULL, created_by TEXT NOT NULL, verified_at TEXT)")
        .arg(integer);
}

QStringList upgradeStatements(int toVersion, const QString &integer);

QStringList schemaStatements(const QString &integer)
{
    QStringList s;
    s << QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    // One row: the last global change sequence number. Updating it takes the lock that makes
    // number order equal commit order.
    s << QStringLiteral("CREATE TABLE global_seq (id %1 PRIMARY KEY CHECK (id = 1), value %1 NOT NULL)")
             .arg(integer);
    for (const Table &t : syncedTables()) {
        QStringList cols{QStringLiteral("id TEXT PRIMARY KEY"), QStringLiteral("owner_id TEXT NOT NULL")};
        for (const Column &c : t.columns) {
            QString def = c.name + u' ' + (c.type == ColumnType::Integer ? integer : QStringLiteral("TEXT"));
            if (!c.nullable)
                def += QStringLiteral(" NOT NULL");
            cols << def;
        }
        cols << QStringLiteral("rev %1 NOT NULL DEFAULT 0").arg(integer)
             << QStringLiteral("updated_at TEXT NOT NULL") << QStringLiteral("updated_by TEXT NOT NULL");
        if (t.name == u"publisher")
            cols << QStringLiteral("number_next %1 NOT NULL DEFAULT 1").arg(integer);
        s << QStringLiteral("CREATE TABLE %1 (%2)").arg(t.name, cols.join(QStringLiteral(", ")));
        s << QStringLiteral("CREATE INDEX %1_owner ON %1 (owner_id, id)").arg(t.name);
    }
    s << QStringLiteral("CREATE UNIQUE INDEX publisher_code ON publisher (code)");
    // Codes and subscriber numbers are unique among a publisher's live rows. A create relies on these
    // (INSERT ... ON CONFLICT DO NOTHING, then a look at why when nothing was inserted); an update
    // checks first, since a failed statement would abort a PostgreSQL transaction.
    s << QStringLiteral("CREATE UNIQUE INDEX publication_code ON publication (owner_id, code) WHERE deleted = 0");
    s << QStringLiteral("CREATE UNIQUE INDEX offer_code ON offer (owner_id, code) WHERE deleted = 0");
    s << QStringLiteral("CREATE UNIQUE INDEX subscriber_number ON subscriber (owner_id, number) WHERE deleted = 0");
    s << QStringLiteral("CREATE INDEX delivery_change_subscription ON delivery_change (subscription_id)");
    s << QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                        "publisher_id TEXT NOT NULL REFERENCES publisher(id), role TEXT NOT NULL, "
                        "password_hash TEXT NOT NULL, disabled %1 NOT NULL DEFAULT 0, "
                        "created_at TEXT NOT NULL)").arg(integer);
    s << QStringLiteral("CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL "
                        "REFERENCES users(id), created_at TEXT NOT NULL, expires_at TEXT NOT NULL)");
    s << QStringLiteral("CREATE TABLE login_throttle (key TEXT PRIMARY KEY, failures %1 NOT NULL, "
                        "locked_until TEXT)").arg(integer);
    s << QStringLiteral("CREATE TABLE desks (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, "
                        "last_seq %1 NOT NULL DEFAULT 0, registered_at TEXT NOT NULL, "
                        "registered_by TEXT NOT NULL, backup_seq %1 NOT NULL DEFAULT 0, "
                        "reseeded_seq %1 NOT NULL DEFAULT 0)").arg(integer);
    // Every operation a desk pushed, with the answer it got: a repeat is answered from here.
    s << QStringLiteral("CREATE TABLE ops (desk_id TEXT NOT NULL, seq %1 NOT NULL, op_id TEXT NOT NULL UNIQUE, "
                        "digest TEXT NOT NULL, status TEXT NOT NULL, rev %1 NOT NULL, result TEXT NOT NULL, "
                        "op TEXT NOT NULL, user_name TEXT NOT NULL, received_at TEXT NOT NULL, "
                        "PRIMARY KEY (desk_id, seq))").arg(integer);
    // The global change sequence: one entry per applied operation, with the row as it then stood.
    s << QStringLiteral("CREATE TABLE change_log (seq %1 PRIMARY KEY, owner_id TEXT NOT NULL, "
                        "entity TEXT NOT NULL, entity_id TEXT NOT NULL, row_json TEXT NOT NULL)").arg(integer);
    s << QStringLiteral("CREATE INDEX change_log_owner ON change_log (owner_id, seq)");
    s << QStringLiteral("CREATE TABLE number_leases (owner_id TEXT NOT NULL, first_number %1 NOT NULL, "
                        "last_number %1 NOT NULL, desk_id TEXT NOT NULL, leased_by TEXT NOT NULL, "
                        "leased_at TEXT NOT NULL, PRIMARY KEY (owner_id, first_number))").arg(integer);
    s << backupsTableSql(integer);
    // A new database takes the later steps as an old one does.
    s << upgradeStatements(3, integer);
    return s;
}

// Schema changes after version 1, by the version they lead to.
QStringList upgradeStatements(int toVersion, const QString &integer)
{
    switch (toVersion) {
    case 2:
        return {QStringLiteral("ALTER TABLE desks ADD COLUMN backup_seq %1 NOT NULL DEFAULT 0").arg(integer),
                QStringLiteral("ALTER TABLE desks ADD COLUMN reseeded_seq %1 NOT NULL DEFAULT 0").arg(integer),
                backupsTableSql(integer),
                QStringLiteral("INSERT INTO meta (key, value) VALUES ('epoch_start', '0') ON CONFLICT DO NOTHING")};
    case 3:
        // Throttle rows age out (last_at); a backup may hold one publisher only (publisher_id).
        return {QStringLiteral("ALTER TABLE login_throttle ADD COLUMN last_at TEXT"),
                QStringLiteral("ALTER TABLE backups ADD COLUMN publisher_id TEXT"),
                QStringLiteral("CREATE INDEX sessions_user ON sessions (user_id, created_at)")};
    }
    return {};
}

} // namespace

QString roleCode(Role r)
{
    switch (r) {
    case Role::Clerk: return QStringLiteral("clerk");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromCode(const QString &code)
{
    for (Role r : {Role::Clerk, Role::Supervisor, Role::Admin})
        if (roleCode(r) == code)
            return r;
    return std::nullopt;
}

namespace {
// The column a live row must hold a value of alone within its publisher, or empty.
QString uniqueColumnOf(const QString &table)
{
    if (table == u"subscriber")
        return QStringLiteral("number");
    if (table == u"publication" || table == u"offer")
        return QStringLiteral("code");
    return {};
}

// That value, as "table/value", or empty (no such column, or a deleted row).
QString uniqueKeyOf(const Table &table, const QVariantMap &row)
{
    const QString column = uniqueColumnOf(table.name);
    if (column.isEmpty() || row.value(QStringLiteral("deleted")).toLongLong() != 0)
        return {};
    return table.name + u'/' + row.value(column).toString();
}
} // namespace

struct SqlServerStore::PushContext
{
    PushContext(const Caller &c, QString desk, qint64 last, QString at)
        : caller(c), deskId(std::move(desk)), lastGlobal(last), now(std::move(at))
    {
    }
    const Caller &caller;
    QString deskId;
    qint64 lastGlobal = 0; // read under the lock; numbers are handed out from here in memory
    bool advanced = false;
    QString now;
    QList<QVariantList> changeRows; // change_log rows, written at the end of the push
    // Rows the push reads and writes, fetched in bulk before it starts and kept current as it
    // applies (key: "table/id"): one query per table instead of one per update.
    QHash<QString, Current> rows;

    // Writes held back to be sent many rows per statement (on PostgreSQL each statement is a round
    // trip). Creates are held back only when the push knows beforehand that they cannot collide:
    // their ids and unique codes/numbers were looked up in bulk before the push started.
    QHash<QString, QList<QVariantList>> pendingInserts; // table -> rows, in sqlFor().insertColumns order
    struct UpdateGroup
    {
        QString table;
        QStringList columns; // changed columns, then rev, updated_at, updated_by
        QList<QVariantList> rows; // id, then the values of `columns`
    };
    QList<UpdateGroup> pendingUpdates;
    QHash<QString, int> updateGroupIndex;  // "table|columns" -> index in pendingUpdates
    QSet<QString> pendingUpdateRows;       // "table/id" with an update held back
    QSet<QString> takenIds;   // "table/id" that existed before the push (ids of its creates only)
    QSet<QString> takenKeys;  // "table/value" codes and numbers of live rows before the push
    QSet<QString> batchIds, batchKeys; // created by this push
    QSet<QString> unsafeTables; // an update changed a code, a number or a deletion here: no holding back
    // Number leases: the blocks holding a number a create of this push claims, and whether the
    // pushing desk holds any block at all (see checkLeasedNumber()).
    bool checkLeases = true;
    struct Block
    {
        qint64 first = 0, last = 0;
        QString deskId;
    };
    QList<Block> blocks;
    bool deskHasLease = false;
    bool hasPending() const { return !pendingInserts.isEmpty() || !pendingUpdates.isEmpty(); }
};

namespace {
const QStringList kChangeLogColumns = {QStringLiteral("seq"), QStringLiteral("owner_id"), QStringLiteral("entity"),
                                       QStringLiteral("entity_id"), QStringLiteral("row_json")};
const QStringList kOpsColumns = {QStringLiteral("desk_id"), QStringLiteral("seq"), QStringLiteral("op_id"),
                                 QStringLiteral("digest"), QStringLiteral("status"), QStringLiteral("rev"),
                                 QStringLiteral("result"), QStringLiteral("op"), QStringLiteral("user_name"),
                                 QStringLiteral("received_at")};
constexpr int kInsertChunk = 200;
} // namespace

SqlServerStore::SqlServerStore(QString connectionName) : m_connectionName(std::move(connectionName)) {}

SqlServerStore::~SqlServerStore()
{
    m_native.reset();
    m_prepared.clear();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<QSqlQuery *> SqlServerStore::run(const QString &sql, const QVariantList &values)
{
    if (m_push && !m_flushing && m_push->hasPending())
        if (Status s = flushPending(); !s)
            return s.error();
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        if (m_prepared.size() >= MaxPrepared)
            evictPrepared();
        auto q = std::make_unique<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        if (!q->prepare(sql))
            return storage(QStringLiteral("prepare ") + sql, q->lastError());
        it = m_prepared.emplace(sql, Prepared{std::move(q), 0}).first;
    }
    it->second.lastUse = ++m_useCounter;
    QSqlQuery &q = *it->second.query;
    q.finish();
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec()) {
        const Error e = storage(sql, q.lastError());
        // Outside a transaction a statement can simply be tried again on a new connection.
        if (!m_inTransaction && !m_retrying && reconnectIfBroken()) {
            m_retrying = true;
            auto again = run(sql, values);
            m_retrying = false;
            return again;
        }
        return e;
    }
    return &q;
}

void SqlServerStore::evictPrepared()
{
    // Down to three quarters, oldest first; a statement whose rows are still being read stays (its
    // caller holds a pointer to it).
    std::vector<std::pair<quint64, QString>> idle;
    idle.reserve(m_prepared.size());
    for (const auto &[sql, p] : m_prepared)
        if (!p.query->isActive())
            idle.emplace_back(p.lastUse, sql);
    std::sort(idle.begin(), idle.end());
    const std::size_t target = MaxPrepared * 3 / 4;
    for (const auto &[use, sql] : idle) {
        if (m_prepared.size() <= target)
            break;
        m_prepared.erase(sql);
    }
}

bool SqlServerStore::reconnectIfBroken()
{
    {
        QSqlQuery ping(m_db);
        if (m_db.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return false; // the connection is fine: the statement itself failed
    }
    qCWarning(lcStore) << "database connection lost; reconnecting";
    m_native.reset();
    m_prepared.clear();
    m_db.close();
    if (!m_db.open()) {
        qCWarning(lcStore) << "reconnecting failed:" << m_db.lastError().text();
        return false;
    }
    if (Status s = afterOpen(); !s)
        qCWarning(lcStore) << "after reconnecting:" << s.error().message;
    m_nativeInserts = m_native.attach(m_db);
    return true;
}

Status SqlServerStore::exec(const QString &sql, const QVariantList &values)
{
    auto q = run(sql, values);
    if (!q)
        return q.error();
    (*q)->finish();
    return Ok{};
}

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
    for (const QString &sql : schemaStatements(integerType()))
        if (!q.exec(sql))
            return storage(sql, q.lastError());
    const QString epoch = newId();
    for (const auto &[k, v] : {std::pair{QStringLiteral("epoch"), epoch},
                               std::pair{QStringLiteral("epoch_start"), QStringLiteral("0")},
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
        return Error::make(ErrorKind::Storage, QStringLiteral("store.newer"),
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

Result<std::pair<QString, qint64>> SqlServerStore::epochAndStart()
{
    // One query: push and pull answer both on every call.
    auto q = run(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('epoch', 'epoch_start')"));
    if (!q)
        return q.error();
    std::pair<QString, qint64> out{QString(), 0};
    while ((*q)->next()) {
        if ((*q)->value(0).toString() == u"epoch")
            out.first = (*q)->value(1).toString();
        else
            out.second = (*q)->value(1).toLongLong();
    }
    (*q)->finish();
    if (out.first.isEmpty())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                           tr("The database has no Relais schema: run relais-server init first."));
    return out;
}

Result<qint64> SqlServerStore::epochStart()
{
    auto e = epochAndStart();
    if (!e)
        return e.error();
    return e->second;
}

Result<QString> SqlServerStore::epoch()
{
    auto q = run(QStringLiteral("SELECT value FROM meta WHERE key = 'epoch'"));
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                           tr("The database has no Relais schema: run relais-server init first."));
    const QString e = (*q)->value(0).toString();
    (*q)->finish();
    return e;
}

Result<qint64> SqlServerStore::head()
{
    auto q = run(QStringLiteral("SELECT value FROM global_seq WHERE id = 1"));
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"), tr("No global sequence."));
    const qint64 h = (*q)->value(0).toLongLong();
    (*q)->finish();
    return h;
}

// ---- accounts ----------------------------------------------------------------------------------

Result<PublisherInfo> SqlServerStore::addPublisher(const QString &code, const QString &name, const QString &id)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = run(QStringLiteral("SELECT id FROM publisher WHERE code = ?"), {code});
    if (!q)
        return q.error();
    if ((*q)->next())
        return Error::make(ErrorKind::Conflict, QStringLiteral("publisher.exists"),
                           tr("A publisher with code %1 already exists.").arg(code));
    (*q)->finish();
    if (!id.isEmpty()) {
        auto taken = run(QStringLiteral("SELECT 1 FROM publisher WHERE id = ?"), {id});
        if (!taken)
            return taken.error();
        if ((*taken)->next())
            return Error::make(ErrorKind::Conflict, QStringLiteral("publisher.exists"),
                               tr("A publisher with id %1 already exists.").arg(id));
    }
    PublisherInfo p{id.isEmpty() ? newId() : id, code, name};
    if (Status s = exec(QStringLiteral("INSERT INTO publisher (id, owner_id, code, name, deleted, rev, "
                                       "updated_at, updated_by) VALUES (?, ?, ?, ?, 0, 0, ?, 'admin')"),
                        {p.id, p.id, code, name, isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return p;
}

Result<User> SqlServerStore::addUser(const QString &name, Role role, const QString &publisherCode,
                                     const QString &passwordHash)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = run(QStringLiteral("SELECT id, code, name FROM publisher WHERE code = ?"), {publisherCode});
    if (!q)
        return q.error();
    if (!(*q)->next()) {
        Error e = Error::invalid({Issue{QStringLiteral("publisher"), QStringLiteral("publisher.unknown"),
                                        tr("No publisher has the code %1.").arg(publisherCode)}});
        return e;
    }
    User u;
    u.publisher = PublisherInfo{(*q)->value(0).toString(), (*q)->value(1).toString(), (*q)->value(2).toString()};
    (*q)->finish();
    auto existing = run(QStringLiteral("SELECT id FROM users WHERE name = ?"), {name});
    if (!existing)
        return existing.error();
    if ((*existing)->next())
        return Error::invalid({Issue{QStringLiteral("name"), QStringLiteral("user.exists"),
                                     tr("A user named %1 already exists.").arg(name)}});
    u.id = newId();
    u.name = name;
    u.role = role;
    u.passwordHash = passwordHash;
    if (Status s = exec(QStringLiteral("INSERT INTO users (id, name, publisher_id, role, password_hash, "
                                       "disabled, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)"),
                        {u.id, name, u.publisher.id, roleCode(role), passwordHash,
                         isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return u;
}

Status SqlServerStore::disableUser(const QString &name, const QString &publisherId)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto q = publisherId.isEmpty()
                 ? run(QStringLiteral("UPDATE users SET disabled = 1 WHERE name = ? RETURNING id"), {name})
                 : run(QStringLiteral("UPDATE users SET disabled = 1 WHERE name = ? AND publisher_id = ? RETURNING id"),
                       {name, publisherId});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::invalid({Issue{QStringLiteral("name"), QStringLiteral("user.unknown"),
                                     tr("No user is named %1.").arg(name)}});
    const QString id = (*q)->value(0).toString();
    (*q)->finish();
    // A disabled user's tokens die with the account.
    if (Status s = exec(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {id}); !s)
        return s;
    return tx.commit();
}

Result<std::optional<User>> SqlServerStore::userWhere(const QString &where, const QVariant &value)
{
    auto q = run(QStringLiteral("SELECT u.id, u.name, u.role, u.password_hash, u.disabled, p.id, p.code, "
                                "p.name FROM users u JOIN publisher p ON p.id = u.publisher_id WHERE ")
                     + where,
                 {value});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return std::optional<User>();
    QSqlQuery &r = **q;
    User u;
    u.id = r.value(0).toString();
    u.name = r.value(1).toString();
    u.role = roleFromCode(r.value(2).toString()).value_or(Role::Clerk);
    u.passwordHash = r.value(3).toString();
    u.disabled = r.value(4).toLongLong() != 0;
    u.publisher = PublisherInfo{r.value(5).toString(), r.value(6).toString(), r.value(7).toString()};
    r.finish();
    return std::optional<User>(u);
}

Result<std::optional<User>> SqlServerStore::userByName(const QString &name)
{
    return userWhere(QStringLiteral("u.name = ?"), name);
}

Result<std::optional<PublisherInfo>> SqlServerStore::publisherByCode(const QString &code)
{
    auto q = run(QStringLiteral("SELECT id, code, name FROM publisher WHERE code = ?"), {code});
    if (!q)
        return q.error();
    std::optional<PublisherInfo> p;
    if ((*q)->next())
        p = PublisherInfo{(*q)->value(0).toString(), (*q)->value(1).toString(), (*q)->value(2).toString()};
    (*q)->finish();
    return p;
}

Result<QList<User>> SqlServerStore::usersOf(const QString &publisherId)
{
    auto q = run(QStringLiteral("SELECT id, name, role, disabled FROM users WHERE publisher_id = ? ORDER BY name"),
                 {publisherId});
    if (!q)
        return q.error();
    QList<User> out;
    while ((*q)->next()) {
        User u;
        u.id = (*q)->value(0).toString();
        u.name = (*q)->value(1).toString();
        u.role = roleFromCode((*q)->value(2).toString()).value_or(Role::Clerk);
        u.disabled = (*q)->value(3).toLongLong() != 0;
        out << u;
    }
    return out;
}

Status SqlServerStore::createSession(const QByteArray &tokenHash, const QString &userId,
                                     const QDateTime &expiresAt)
{
    return exec(QStringLiteral("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                               "VALUES (?, ?, ?, ?)"),
                {QString::fromLatin1(tokenHash), userId, isoUtc(QDateTime::currentDateTimeUtc()),
                 isoUtc(expiresAt)});
}

Result<std::optional<Session>> SqlServerStore::session(const QByteArray &tokenHash, const QDateTime &now)
{
    auto q = run(QStringLiteral("SELECT user_id, expires_at FROM sessions WHERE token_hash = ?"),
                 {QString::fromLatin1(tokenHash)});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return std::optional<Session>();
    const QString userId = (*q)->value(0).toString();
    const QString expires = (*q)->value(1).toString();
    (*q)->finish();
    if (expires <= isoUtc(now)) {
        // Expired tokens are removed when met; nothing else needs them.
        if (Status s = deleteSession(tokenHash); !s)
            return s.error();
        return std::optional<Session>();
    }
    auto u = userWhere(QStringLiteral("u.id = ?"), userId);
    if (!u)
        return u.error();
    if (!u->has_value() || (*u)->disabled)
        return std::optional<Session>();
    return std::optional<Session>(Session{**u, QDateTime::fromString(expires, Qt::ISODateWithMs)});
}

Status SqlServerStore::deleteSession(const QByteArray &tokenHash)
{
    return exec(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"), {QString::fromLatin1(tokenHash)});
}

Result<LoginThrottle> SqlServerStore::loginThrottle(const QString &key)
{
    auto q = run(QStringLiteral("SELECT failures, locked_until FROM login_throttle WHERE key = ?"), {key});
    if (!q)
        return q.error();
    LoginThrottle t;
    if ((*q)->next()) {
        t.failures = int((*q)->value(0).toLongLong());
        if (!(*q)->value(1).isNull())
            t.lockedUntil = QDateTime::fromString((*q)->value(1).toString(), Qt::ISODateWithMs);
    }
    (*q)->finish();
    return t;
}

Status SqlServerStore::recordLoginFailure(const QString &key, const QDateTime &now, int maxFailures,
                                          int lockoutSeconds, int windowSeconds)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    // Failures older than the window are forgotten: a clerk's typos of last week count for nothing.
    const QString stamp = isoUtc(now);
    auto q = run(QStringLiteral("INSERT INTO login_throttle (key, failures, locked_until, last_at) VALUES (?, 1, NULL, ?) "
                                "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN login_throttle.last_at IS NULL "
                                "OR login_throttle.last_at < ? THEN 1 ELSE login_throttle.failures + 1 END, "
                                "last_at = excluded.last_at RETURNING failures"),
                 {key, stamp, isoUtc(now.addSecs(-windowSeconds))});
    if (!q)
        return q.error();
    const int failures = (*q)->next() ? int((*q)->value(0).toLongLong()) : 0;
    (*q)->finish();
    if (maxFailures > 0 && failures >= maxFailures) {
        if (Status s = exec(QStringLiteral("UPDATE login_throttle SET failures = 0, locked_until = ? WHERE key = ?"),
                            {isoUtc(now.addSecs(lockoutSeconds)), key});
            !s)
            return s;
    }
    return tx.commit();
}

Status SqlServerStore::clearLoginFailures(const QString &key)
{
    return exec(QStringLiteral("DELETE FROM login_throttle WHERE key = ?"), {key});
}

// ---- sync --------------------------------------------------------------------------------------

Status SqlServerStore::flushInserts(const QString &table, const QStringList &columns, QList<QVariantList> &rows)
{
    if (m_nativeInserts) {
        Status s = m_native.insert(table, columns, rows);
        rows.clear();
        return s;
    }
    while (!rows.isEmpty()) {
        const int n = int(qMin<qsizetype>(kInsertChunk, rows.size()));
        const QString tuple = u'(' + placeholders(columns.size()) + u')';
        QStringList tuples;
        tuples.fill(tuple, n);
        QVariantList values;
        values.reserve(n * columns.size());
        for (int i = 0; i < n; ++i)
            values << rows.at(i);
        if (Status s = exec(QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                                .arg(table, columns.join(u','), tuples.join(u',')),
                            values);
            !s)
            return s;
        rows.remove(0, n);
    }
    return Ok{};
}

Status SqlServerStore::flushPending()
{
    if (!m_push)
        return Ok{};
    PushContext &ctx = *m_push;
    m_flushing = true;
    const auto done = qScopeGuard([this] { m_flushing = false; });
    // Inserts first: an update held back may be of a row created earlier in the same push.
    for (auto it = ctx.pendingInserts.begin(); it != ctx.pendingInserts.end(); ++it) {
        // No foreign keys between the server's tables: the order of the tables does not matter.
        const Table &table = *tableByName(it.key());
        QList<QVariantList> rows = std::move(it.value());
        // No ON CONFLICT: the push checked these rows cannot collide; if one does anyway the
        // statement fails and the whole push with it.
        if (Status st = flushInserts(table.name, sqlFor(table).insertColumns, rows); !st)
            return st;
    }
    ctx.pendingInserts.clear();
    for (PushContext::UpdateGroup &g : ctx.pendingUpdates) {
        const Table &table = *tableByName(g.table);
        QStringList sets;
        for (int i = 0; i < g.columns.size(); ++i)
            sets << QStringLiteral("%1 = v.column%2").arg(g.columns.at(i)).arg(i + 2);
        // VALUES columns are named column1, column2 ... in both engines; integers are cast so that
        // PostgreSQL does not take the parameters for text.
        QStringList marks{QStringLiteral("?")};
        for (const QString &c : g.columns) {
            const Column *col = columnOf(table, c);
            const bool integer = c == u"rev" || (col && col->type == ColumnType::Integer);
            marks << (integer ? QStringLiteral("CAST(? AS BIGINT)") : QStringLiteral("?"));
        }
        const QString tuple = u'(' + marks.join(u',') + u')';
        while (!g.rows.isEmpty()) {
            const int n = int(qMin<qsizetype>(kInsertChunk, g.rows.size()));
            QStringList tuples;
            tuples.fill(tuple, n);
            QVariantList values;
            values.reserve(n * marks.size());
            for (int i = 0; i < n; ++i)
                values << g.rows.at(i);
            auto q = run(QStringLiteral("UPDATE %1 SET %2 FROM (VALUES %3) AS v WHERE %1.id = v.column1")
                             .arg(table.name, sets.join(u','), tuples.join(u',')),
                         values);
            if (!q)
                return q.error();
            const int updated = (*q)->numRowsAffected();
            (*q)->finish();
            if (updated != n)
                return Error::make(ErrorKind::Storage, QStringLiteral("storage"),
                                   tr("An update of %1 rows of %2 changed %3.").arg(n).arg(table.name).arg(updated));
            g.rows.remove(0, n);
        }
    }
    ctx.pendingUpdates.clear();
    ctx.updateGroupIndex.clear();
    ctx.pendingUpdateRows.clear();
    return Ok{};
}

Result<SqlServerStore::Current> SqlServerStore::loadRow(const Table &table, const QString &id, const QString &ownerId)
{
    auto q = run(sqlFor(table).load, {id});
    if (!q)
        return q.error();
    Current cur;
    if (!(*q)->next())
        return cur;
    cur.exists = true;
    // Another publisher's row is answered exactly like a missing one: its existence is not told.
    cur.mine = (*q)->value(0).toString() == ownerId;
    if (cur.mine)
        for (int i = 0; i < table.columns.size(); ++i)
            cur.row.insert(table.columns.at(i).name, normalized(table.columns.at(i), (*q)->value(i + 1)));
    (*q)->finish();
    return cur;
}

// A create of a row the publisher already holds with the same values is applied with nothing to
// write: after a server rebuilt from one desk's copy (a reseed), another desk sends again the
// creations the new server never saw, and their rows are there, from the copy.
Result<bool> SqlServerStore::sameRowThere(const Table &table, const QString &id, const QString &ownerId,
                                          const QVariantMap &row)
{
    auto existing = loadRow(table, id, ownerId);
    if (!existing)
        return existing.error();
    if (!existing->exists || !existing->mine)
        return false;
    for (const Column &c : table.columns)
        if (!derivedColumn(table, c.name) && c.name != u"publisher_id"
            && !sameValue(existing->row.value(c.name), row.value(c.name)))
            return false;
    return true;
}

Result<Issues> SqlServerStore::checkRules(const Table &table, const QString &id, const QVariantMap &row,
                                          const QString &ownerId, const QStringList &changed, bool checkUnique)
{
    // Columns no rule looks at: changing only those cannot break a rule the row met before.
    static const QStringList kFreeColumns = {QStringLiteral("notes"), QStringLiteral("consents"),
                                             QStringLiteral("sort_key"), QStringLiteral("note")};
    bool onlyFree = !changed.contains(QStringLiteral("deleted"));
    for (const QString &c : changed)
        onlyFree = onlyFree && kFreeColumns.contains(c);
    if (onlyFree)
        return Issues{};
    Issues issues = Rules::checkRow(table, row);
    if (row.value(QStringLiteral("deleted")).toLongLong() != 0)
        return issues;
    // References point to live rows of the same publisher.
    for (const Column &c : table.columns) {
        const QString target = referencedTable(c.name);
        if (target.isEmpty() || !changed.contains(c.name))
            continue;
        auto q = run(QStringLiteral("SELECT 1 FROM %1 WHERE id = ? AND owner_id = ? AND deleted = 0").arg(target),
                     {row.value(c.name), ownerId});
        if (!q)
            return q.error();
        const bool found = (*q)->next();
        (*q)->finish();
        if (!found)
            issues << Issue{c.name, QStringLiteral("reference.unknown"),
                            tr("The %1 this refers to does not exist.").arg(target)};
    }
    // Codes and numbers are unique within a publisher.
    const auto unique = [&](const char *column, const QString &rule, const QString &message) -> Status {
        const QString col = QString::fromLatin1(column);
        if (!checkUnique || (!changed.contains(col) && !changed.contains(QStringLiteral("deleted"))))
            return Ok{};
        auto q = run(QStringLiteral("SELECT 1 FROM %1 WHERE owner_id = ? AND %2 = ? AND id <> ? AND deleted = 0")
                         .arg(table.name, col),
                     {ownerId, row.value(col), id});
        if (!q)
            return q.error();
        const bool taken = (*q)->next();
        (*q)->finish();
        if (taken)
            issues << Issue{col, rule, message};
        return Ok{};
    };
    Status s;
    if (table.name == u"publication" || table.name == u"offer")
        s = unique("code", QStringLiteral("code.duplicate"),
                   tr("The code %1 is already taken.").arg(row.value(QStringLiteral("code")).toString()));
    else if (table.name == u"subscriber")
        s = unique("number", QStringLiteral("number.duplicate"),
                   tr("Subscriber number %1 is already taken.").arg(row.value(QStringLiteral("number")).toLongLong()));
    if (!s)
        return s.error();
    if (table.name == u"subscription" && issues.isEmpty()
        && (changed.contains(QStringLiteral("offer_id")) || changed.contains(QStringLiteral("publication_id")))) {
        auto q = run(QStringLiteral("SELECT publication_id FROM offer WHERE id = ?"),
                     {row.value(QStringLiteral("offer_id"))});
        if (!q)
            return q.error();
        const QString pub = (*q)->next() ? (*q)->value(0).toString() : QString();
        (*q)->finish();
        if (pub != row.value(QStringLiteral("publication_id")).toString())
            issues << Issue{QStringLiteral("publication_id"), QStringLiteral("publication.mismatch"),
                            tr("The subscription's title is not the title of its offer.")};
    }
    if (table.name == u"delivery_change" && issues.isEmpty()) {
        auto q = run(QStringLiteral("SELECT kind, from_date, to_date FROM delivery_change WHERE "
                                    "subscription_id = ? AND id <> ? AND deleted = 0"),
                     {row.value(QStringLiteral("subscription_id")), id});
        if (!q)
            return q.error();
        QList<QVariantMap> others;
        while ((*q)->next())
            others << QVariantMap{{QStringLiteral("kind"), (*q)->value(0)},
                                  {QStringLiteral("from_date"), (*q)->value(1)},
                                  {QStringLiteral("to_date"), (*q)->value(2)}};
        (*q)->finish();
        issues << Rules::checkOverlap(row, others);
    }
    return issues;
}

Status SqlServerStore::applyOne(PushContext &ctx, const PushOperation &op, OpResult &result)
{
    result.seq = op.seq;
    result.opId = op.opId;
    const Table *table = tableByName(op.entity);
    const auto reject = [&](const QString &code, const QString &message, Issues issues = {}) {
        result.status = OpStatus::Rejected;
        result.code = code;
        result.message = message;
        result.issues = std::move(issues);
    };
    if (op.entity == u"publisher") {
        reject(QStringLiteral("publisher.readonly"), tr("Publishers are managed on the server, not by desks."));
        return Ok{};
    }
    QVariantMap fields = op.fields;
    // The server decides which publisher a row belongs to, whatever the desk called it.
    fields.remove(QStringLiteral("publisher_id"));

    // A create does not look first: its INSERT ... ON CONFLICT DO NOTHING tells when the id (or a
    // unique code or number) is taken, and only then is the reason looked up.
    const QString key = table->name + u'/' + op.entityId;
    Current current;
    if (!op.isCreate()) {
        if (const auto cached = ctx.rows.constFind(key); cached != ctx.rows.constEnd()) {
            current = *cached;
        } else {
            auto loaded = loadRow(*table, op.entityId, ctx.caller.publisherId);
            if (!loaded)
                return loaded.error();
            current = std::move(*loaded);
        }
    }

    QVariantMap row;
    QStringList changed;
    if (op.isCreate()) {
        Issues missing;
        for (const Column &c : table->columns) {
            if (c.name == u"publisher_id") {
                row.insert(c.name, ctx.caller.publisherId);
            } else if (fields.contains(c.name)) {
                row.insert(c.name, normalized(c, fields.value(c.name)));
            } else if (c.required) {
                missing << Issue{c.name, QStringLiteral("field.required"), tr("A new record needs this field.")};
            } else {
                row.insert(c.name, c.defaultValue);
            }
            changed << c.name;
        }
        if (!missing.isEmpty()) {
            reject(QStringLiteral("invalid"), tr("The record is incomplete."), missing);
            return Ok{};
        }
        // Subscriber numbers come from blocks leased to desks, so that two desks offline never
        // give out the same one. A number inside another desk's block is refused; so is, for a desk
        // that holds a block, a number outside its blocks. A desk that never leased (it worked
        // offline before its first sync) may still use free numbers: nothing is ever renumbered,
        // and leases start above every number the publisher already has.
        if (ctx.checkLeases && table->name == u"subscriber" && row.value(QStringLiteral("deleted")).toLongLong() == 0) {
            const qint64 number = row.value(QStringLiteral("number")).toLongLong();
            const PushContext::Block *block = nullptr;
            for (const PushContext::Block &b : ctx.blocks)
                if (number >= b.first && number <= b.last)
                    block = &b;
            QString why;
            if (block && block->deskId != ctx.deskId)
                why = tr("Subscriber number %1 lies in a block of numbers leased to another desk.").arg(number);
            else if (!block && ctx.deskHasLease)
                why = tr("Subscriber number %1 lies outside the blocks of numbers leased to this desk.").arg(number);
            if (!why.isEmpty()) {
                reject(QStringLiteral("number.not_leased"), why,
                       {Issue{QStringLiteral("number"), QStringLiteral("number.not_leased"), why}});
                return Ok{};
            }
        }
    } else {
        if (!current.mine) {
            reject(QStringLiteral("record.missing"), tr("This record does not exist on the server."));
            return Ok{};
        }
        row = current.row;
        if (fields.contains(QStringLiteral("number")) && table->name == u"subscriber"
            && !sameValue(fields.value(QStringLiteral("number")), row.value(QStringLiteral("number")))) {
            reject(QStringLiteral("number.readonly"), tr("A subscriber is never renumbered."),
                   {Issue{QStringLiteral("number"), QStringLiteral("number.readonly"),
                          tr("A subscriber is never renumbered.")}});
            return Ok{};
        }
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            if (derivedColumn(*table, it.key()))
                continue; // the server derives it below, from the row it holds
            const Column *c = columnOf(*table, it.key());
            const QVariant mine = normalized(*c, it.value());
            const QVariant server = row.value(it.key());
            if (sameValue(server, mine))
                continue; // already so: nothing to apply, nothing to report
            // Every changed column of an update has its base (parsePushRequest refuses it otherwise).
            const QVariant base = normalized(*c, op.base.value(it.key()));
            if (sameValue(server, base) || op.override) {
                row.insert(it.key(), mine);
                changed << it.key();
            } else {
                result.conflicts << FieldConflict{it.key(), base, mine, server};
            }
        }
    }

    deriveColumns(*table, &row, &changed, op.isCreate());
    if (!changed.isEmpty()) {
        auto issues = checkRules(*table, op.entityId, row, ctx.caller.publisherId, changed, !op.isCreate());
        if (!issues)
            return issues.error();
        if (!issues->isEmpty()) {
            result.conflicts.clear();
            reject(QStringLiteral("rule.broken"), issues->first().message, *issues);
            return Ok{};
        }
    }
    result.status = result.conflicts.isEmpty() ? OpStatus::Applied : OpStatus::Conflict;
    if (changed.isEmpty())
        return Ok{};

    const qint64 seq = ctx.lastGlobal + 1;
    const QString clerk = ctx.caller.userName + u'/' + op.clerk;
    QVariantList values;
    if (op.isCreate()) {
        // `changed` holds every column, in the table's order (see above).
        values << op.entityId << ctx.caller.publisherId;
        for (const Column &c : table->columns)
            values << row.value(c.name);
        values << seq << ctx.now << clerk;
        if (ctx.takenIds.contains(key)) {
            auto same = sameRowThere(*table, op.entityId, ctx.caller.publisherId, row);
            if (!same)
                return same.error();
            if (*same)
                return Ok{}; // applied, nothing to write (see sameRowThere)
        }
        if (ctx.takenIds.contains(key) || ctx.batchIds.contains(key)) {
            reject(QStringLiteral("record.exists"), tr("This record already exists."));
            return Ok{};
        }
        const QString uniqueKey = uniqueKeyOf(*table, row);
        const bool mayCollide = ctx.unsafeTables.contains(table->name)
                                || (!uniqueKey.isEmpty()
                                    && (ctx.takenKeys.contains(uniqueKey) || ctx.batchKeys.contains(uniqueKey)));
        if (!mayCollide) {
            ctx.pendingInserts[table->name] << values;
            ctx.batchIds.insert(key);
            if (!uniqueKey.isEmpty())
                ctx.batchKeys.insert(uniqueKey);
            values.clear();
        }
    }
    if (op.isCreate() && values.isEmpty()) {
        // Held back (see PushContext).
    } else if (op.isCreate()) {
        auto q = run(sqlFor(*table).insert, values);
        if (!q)
            return q.error();
        const int inserted = (*q)->numRowsAffected();
        (*q)->finish();
        if (inserted != 1) {
            // Ids are global: one taken by another publisher cannot be reused either.
            auto existing = loadRow(*table, op.entityId, ctx.caller.publisherId);
            if (!existing)
                return existing.error();
            if (existing->exists) {
                auto same = sameRowThere(*table, op.entityId, ctx.caller.publisherId, row);
                if (!same)
                    return same.error();
                if (*same)
                    return Ok{}; // applied, nothing to write (see sameRowThere)
                reject(QStringLiteral("record.exists"), tr("This record already exists."));
                return Ok{};
            }
            auto checked = checkRules(*table, op.entityId, row, ctx.caller.publisherId, changed, true);
            if (!checked)
                return checked.error();
            Issues issues = *checked;
            if (issues.isEmpty()) // cannot happen: the insert had a reason to do nothing
                issues << Issue{QString(), QStringLiteral("record.duplicate"), tr("This record duplicates another.")};
            reject(QStringLiteral("rule.broken"), issues.first().message, issues);
            return Ok{};
        }
        ctx.batchIds.insert(key);
        if (const QString uniqueKey = uniqueKeyOf(*table, row); !uniqueKey.isEmpty())
            ctx.batchKeys.insert(uniqueKey);
    } else {
        // Held back too, grouped by the columns it changes; a second update of the same row in
        // this push first sends the one waiting.
        if (ctx.pendingUpdateRows.contains(key))
            if (Status s = flushPending(); !s)
                return s;
        // A code, a number or a deletion changed: the bulk look-up of taken codes is stale.
        if (changed.contains(QStringLiteral("code")) || changed.contains(QStringLiteral("number"))
            || changed.contains(QStringLiteral("deleted")))
            ctx.unsafeTables.insert(table->name);
        QStringList columns = changed;
        columns << QStringLiteral("rev") << QStringLiteral("updated_at") << QStringLiteral("updated_by");
        const QString groupKey = table->name + u'|' + columns.join(u',');
        auto gi = ctx.updateGroupIndex.constFind(groupKey);
        if (gi == ctx.updateGroupIndex.constEnd()) {
            ctx.pendingUpdates << PushContext::UpdateGroup{table->name, columns, {}};
            gi = ctx.updateGroupIndex.insert(groupKey, int(ctx.pendingUpdates.size() - 1));
        }
        values << op.entityId;
        for (const QString &c : changed)
            values << row.value(c);
        values << seq << ctx.now << clerk;
        ctx.pendingUpdates[*gi].rows << values;
        ctx.pendingUpdateRows.insert(key);
    }
    // The row as pulled: every column, as it now stands.
    QByteArray json;
    json.reserve(512);
    json += "{\"id\":";
    JsonText::appendString(json, op.entityId);
    for (const Column &c : table->columns) {
        json += ",\"" + c.name.toLatin1() + "\":";
        JsonText::appendValue(json, row.value(c.name));
    }
    json += ",\"rev\":" + QByteArray::number(seq) + ",\"updated_at\":";
    JsonText::appendString(json, ctx.now);
    json += ",\"updated_by\":";
    JsonText::appendString(json, clerk);
    json += '}';
    ctx.changeRows << QVariantList{seq, ctx.caller.publisherId, table->name, op.entityId, QString::fromUtf8(json)};
    ctx.rows.insert(key, Current{true, true, row});
    ctx.lastGlobal = seq;
    result.rev = seq;
    ctx.advanced = true;
    return Ok{};
}

Status SqlServerStore::loadLeaseBlocks(PushContext &ctx, const PushRequest &request, qint64 lastSeqBefore)
{
    if (!ctx.checkLeases)
        return Ok{};
    qint64 low = MaxSafeInteger, high = 0;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore || !op.isCreate() || op.entity != u"subscriber")
            continue;
        const qint64 n = op.fields.value(QStringLiteral("number")).toLongLong();
        low = qMin(low, n);
        high = qMax(high, n);
    }
    if (high == 0)
        return Ok{}; // no subscriber created
    // Only the blocks that can hold one of the numbers: a publisher gathers many over the years.
    auto q = run(QStringLiteral("SELECT first_number, last_number, desk_id FROM number_leases "
                                "WHERE owner_id = ? AND last_number >= ? AND first_number <= ?"),
                 {ctx.caller.publisherId, low, high});
    if (!q)
        return q.error();
    while ((*q)->next())
        ctx.blocks << PushContext::Block{(*q)->value(0).toLongLong(), (*q)->value(1).toLongLong(),
                                         (*q)->value(2).toString()};
    (*q)->finish();
    auto dq = run(QStringLiteral("SELECT 1 FROM number_leases WHERE owner_id = ? AND desk_id = ? LIMIT 1"),
                  {ctx.caller.publisherId, ctx.deskId});
    if (!dq)
        return dq.error();
    ctx.deskHasLease = (*dq)->next();
    (*dq)->finish();
    return Ok{};
}

Result<qint64> SqlServerStore::lockGlobalSequence()
{
    auto q = run(lockGlobalSequenceSql());
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::Storage, QStringLiteral("storage"), tr("No global sequence row."));
    const qint64 last = (*q)->value(0).toLongLong();
    (*q)->finish();
    return last;
}

Result<PushOutcome> SqlServerStore::push(const Caller &caller, const PushRequest &request)
{
    return pushWith(caller, request, PushMode{});
}

Result<PushOutcome> SqlServerStore::pushWith(const Caller &caller, const PushRequest &request, const PushMode &mode)
{
    PushOutcome out;
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    auto locked = lockGlobalSequence();
    if (!locked)
        return locked.error();
    PushContext ctx(caller, request.deskId, *locked, isoUtc(QDateTime::currentDateTimeUtc()));
    m_push = &ctx;
    const auto forget = qScopeGuard([this] { m_push = nullptr; });
    // Read under the lock: a restore changes the epoch under the same lock.
    auto ep = epochAndStart();
    if (!ep)
        return ep.error();
    std::tie(out.epoch, out.epochStart) = *ep;
    if (mode.underLock)
        if (Status s = mode.underLock(); !s)
            return s.error();

    // The desk: registered to the first publisher that pushes for it, and only to that one.
    auto dq = run(QStringLiteral("SELECT owner_id, last_seq, backup_seq, reseeded_seq FROM desks WHERE id = ?"),
                  {request.deskId});
    if (!dq)
        return dq.error();
    qint64 lastSeq = 0;
    qint64 reseededSeq = 0; // operations up to here came in through a reseed, not one by one
    if ((*dq)->next()) {
        const QString owner = (*dq)->value(0).toString();
        lastSeq = (*dq)->value(1).toLongLong();
        out.backupSeq = (*dq)->value(2).toLongLong();
        reseededSeq = (*dq)->value(3).toLongLong();
        (*dq)->finish();
        if (owner != caller.publisherId)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                               tr("This desk belongs to another publisher."));
    } else {
        (*dq)->finish();
        if (Status s = exec(QStringLiteral("INSERT INTO desks (id, owner_id, last_seq, registered_at, "
                                           "registered_by) VALUES (?, ?, 0, ?, ?)"),
                            {request.deskId, caller.publisherId, ctx.now, caller.userName});
            !s)
            return s.error();
    }
    const qint64 lastSeqBefore = lastSeq;

    // Operation ids of the new operations must be new (one query for the whole batch).
    QVariantList newIds;
    QSet<QString> seenIds;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeq)
            continue;
        if (seenIds.contains(op.opId))
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::OpIdReused),
                               tr("Operation %1 appears twice in the push.").arg(op.opId));
        seenIds.insert(op.opId);
        newIds << op.opId;
    }
    for (qsizetype from = 0; from < newIds.size(); from += InListChunk) {
        const QVariantList chunk = newIds.mid(from, InListChunk);
        auto iq = run(QStringLiteral("SELECT op_id FROM ops WHERE op_id IN (%1)").arg(placeholders(chunk.size())), chunk);
        if (!iq)
            return iq.error();
        const bool taken = (*iq)->next();
        const QString which = taken ? (*iq)->value(0).toString() : QString();
        (*iq)->finish();
        if (taken)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::OpIdReused),
                               tr("Operation %1 was already pushed under another number.").arg(which));
    }

    // Prefetch the rows the updates will read.
    QHash<QString, QStringList> updated; // table -> ids
    for (const PushOperation &op : request.ops)
        if (op.seq > lastSeqBefore && !op.isCreate() && op.entity != u"publisher")
            updated[op.entity] << op.entityId;
    for (auto it = updated.cbegin(); it != updated.cend(); ++it) {
        const Table &table = *tableByName(it.key());
        QStringList ids = it.value();
        ids.removeDuplicates();
        for (qsizetype from = 0; from < ids.size(); from += InListChunk) {
            const QStringList chunk = ids.mid(from, InListChunk);
            QVariantList values;
            for (const QString &id : chunk) {
                values << id;
                ctx.rows.insert(table.name + u'/' + id, Current{}); // missing unless found below
            }
            auto q = run(sqlFor(table).loadMany.arg(placeholders(chunk.size())), values);
            if (!q)
                return q.error();
            while ((*q)->next()) {
                Current cur;
                cur.exists = true;
                cur.mine = (*q)->value(1).toString() == caller.publisherId;
                if (cur.mine)
                    for (int i = 0; i < table.columns.size(); ++i)
                        cur.row.insert(table.columns.at(i).name, normalized(table.columns.at(i), (*q)->value(i + 2)));
                ctx.rows.insert(table.name + u'/' + (*q)->value(0).toString(), cur);
            }
            (*q)->finish();
        }
    }

    // What the creates could collide with, looked up in bulk: their ids (under any publisher) and
    // the codes and numbers they claim among the publisher's live rows.
    QHash<QString, QVariantList> createdIds;
    QHash<QString, QVariantList> claimedKeys;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore || !op.isCreate() || op.entity == u"publisher")
            continue;
        createdIds[op.entity] << op.entityId;
        const QString keyColumn = uniqueColumnOf(op.entity);
        if (!keyColumn.isEmpty() && op.fields.contains(keyColumn))
            claimedKeys[op.entity] << op.fields.value(keyColumn);
    }
    for (auto it = createdIds.cbegin(); it != createdIds.cend(); ++it) {
        for (qsizetype from = 0; from < it.value().size(); from += InListChunk) {
            const QVariantList chunk = it.value().mid(from, InListChunk);
            auto q = run(QStringLiteral("SELECT id FROM %1 WHERE id IN (%2)").arg(it.key(), placeholders(chunk.size())),
                         chunk);
            if (!q)
                return q.error();
            while ((*q)->next())
                ctx.takenIds.insert(it.key() + u'/' + (*q)->value(0).toString());
            (*q)->finish();
        }
    }
    for (auto it = claimedKeys.cbegin(); it != claimedKeys.cend(); ++it) {
        const QString keyColumn = uniqueColumnOf(it.key());
        const Column &column = *columnOf(*tableByName(it.key()), keyColumn);
        for (qsizetype from = 0; from < it.value().size(); from += InListChunk) {
            QVariantList values{caller.publisherId};
            for (const QVariant &v : it.value().mid(from, InListChunk))
                values << normalized(column, v);
            auto q = run(QStringLiteral("SELECT %1 FROM %2 WHERE owner_id = ? AND deleted = 0 AND %1 IN (%3)")
                             .arg(keyColumn, it.key(), placeholders(values.size() - 1)),
                         values);
            if (!q)
                return q.error();
            while ((*q)->next())
                ctx.takenKeys.insert(it.key() + u'/' + (*q)->value(0).toString());
            (*q)->finish();
        }
    }

    ctx.checkLeases = mode.checkLeases;
    if (Status s = loadLeaseBlocks(ctx, request, lastSeqBefore); !s)
        return s.error();

    QList<QVariantList> opRows;
    for (const PushOperation &op : request.ops) {
        if (op.seq <= lastSeqBefore) {
            // Seen before: answer from the stored result, or refuse a number reused for other content.
            auto sq = run(QStringLiteral("SELECT op_id, digest, result FROM ops WHERE desk_id = ? AND seq = ?"),
                          {request.deskId, op.seq});
            if (!sq)
                return sq.error();
            if (!(*sq)->next()) {
                (*sq)->finish();
                if (op.seq <= reseededSeq) {
                    // In the desk's copy that reseeded the server: applied, though not stored alone.
                    OpResult r;
                    r.seq = op.seq;
                    r.opId = op.opId;
                    r.status = OpStatus::Applied;
                    r.repeated = true;
                    r.code = QStringLiteral("reseeded");
                    r.message = tr("This operation reached the server in the desk's copy (reseed).");
                    out.results << r;
                    continue;
                }
                return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::SeqReused),
                                   tr("Desk sequence number %1 was already used.").arg(op.seq));
            }
            const QString opId = (*sq)->value(0).toString();
            const QString digest = (*sq)->value(1).toString();
            const QString stored = (*sq)->value(2).toString();
            (*sq)->finish();
            if (opId != op.opId || digest != QString::fromLatin1(op.digest()))
                return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::SeqReused),
                                   tr("Desk sequence number %1 was already used for another operation.")
                                       .arg(op.seq));
            OpResult r = OpResult::fromJson(QJsonDocument::fromJson(stored.toUtf8()).object());
            r.repeated = true;
            out.results << r;
            continue;
        }
        if (op.seq != lastSeq + 1)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::Gap),
                               tr("Desk sequence number %1 follows %2: operations are missing in between.")
                                   .arg(op.seq)
                                   .arg(lastSeq));
        OpResult r;
        if (Status s = applyOne(ctx, op, r); !s)
            return s.error();
        const QByteArray canonical = op.canonicalJson();
        opRows << QVariantList{request.deskId, op.seq, op.opId, QString::fromLatin1(PushOperation::digestOf(canonical)),
                               opStatusCode(r.status), r.rev,
                               QString::fromUtf8(QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact)),
                               QString::fromUtf8(canonical), caller.userName, ctx.now};
        lastSeq = op.seq;
        out.results << r;
    }
    if (Status s = flushInserts(QStringLiteral("change_log"), kChangeLogColumns, ctx.changeRows); !s)
        return s.error();
    if (Status s = flushInserts(QStringLiteral("ops"), kOpsColumns, opRows); !s)
        return s.error();
    if (lastSeq != lastSeqBefore)
        if (Status s = exec(QStringLiteral("UPDATE desks SET last_seq = ? WHERE id = ?"), {lastSeq, request.deskId}); !s)
            return s.error();
    if (ctx.advanced)
        if (Status s = exec(QStringLiteral("UPDATE global_seq SET value = ? WHERE id = 1"), {ctx.lastGlobal}); !s)
            return s.error();
    out.lastSeq = lastSeq;
    // The publisher's head, not the global one: when this push advanced, its last number is this
    // publisher's; otherwise it is read.
    if (ctx.advanced) {
        out.head = ctx.lastGlobal;
    } else {
        auto h = publisherHead(caller.publisherId);
        if (!h)
            return h.error();
        out.head = *h;
    }
    bool refused = false;
    for (const OpResult &r : out.results)
        refused = refused || (!r.repeated && r.status != OpStatus::Applied);
    if (mode.dryRun || (mode.allOrNothing && refused))
        return out; // rolled back by tx
    if (mode.beforeCommit)
        if (Status s = mode.beforeCommit(); !s)
            return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    out.advanced = ctx.advanced;
    out.committed = true;
    return out;
}

Result<PullPage> SqlServerStore::pull(const Caller &caller, qint64 since, int limit, const QString &deskId)
{
    PullPage page;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epochAndStart();
    if (!ep)
        return ep.error();
    std::tie(page.epoch, page.epochStart) = *ep;
    auto h = publisherHead(caller.publisherId);
    if (!h)
        return h.error();
    page.head = *h;
    auto q = run(QStringLiteral("SELECT seq, entity, entity_id, row_json FROM change_log WHERE owner_id = ? "
                                "AND seq > ? ORDER BY seq LIMIT ?"),
                 {caller.publisherId, since, qint64(limit) + 1});
    if (!q)
        return q.error();
    while ((*q)->next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        page.changes << RawChange{(*q)->value(0).toLongLong(), (*q)->value(1).toString(), (*q)->value(2).toString(),
                                  (*q)->value(3).toString().toUtf8()};
    }
    (*q)->finish();
    // Without more rows the cursor moves to the publisher's head (never back).
    page.next = page.more ? page.changes.last().seq : qMax(page.head, since);
    if (!deskId.isEmpty()) {
        auto dq = run(QStringLiteral("SELECT last_seq, backup_seq FROM desks WHERE id = ? AND owner_id = ?"),
                      {deskId, caller.publisherId});
        if (!dq)
            return dq.error();
        if ((*dq)->next()) {
            page.deskLastSeq = (*dq)->value(0).toLongLong();
            page.deskBackupSeq = (*dq)->value(1).toLongLong();
        }
        (*dq)->finish();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return page;
}

Result<SnapshotPage> SqlServerStore::snapshot(const Caller &caller, const QString &tableName,
                                              const QString &after, int limit)
{
    SnapshotPage page;
    const Table *table = tableByName(tableName.isEmpty() ? syncedTables().first().name : tableName);
    if (!table)
        return Error::invalid({Issue{QStringLiteral("table"), QStringLiteral("entity.unknown"),
                                     tr("%1 is not a synced table.").arg(tableName)}});
    page.table = table->name;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    page.epoch = *ep;
    auto h = publisherHead(caller.publisherId);
    if (!h)
        return h.error();
    page.head = *h;
    QStringList cols{QStringLiteral("id")};
    for (const Column &c : table->columns)
        cols << c.name;
    cols << QStringLiteral("rev") << QStringLiteral("updated_at") << QStringLiteral("updated_by");
    QStringList pairs;
    for (const QString &c : cols)
        pairs << u'\'' + c + QStringLiteral("', ") + c;
    auto q = run(QStringLiteral("SELECT id, %1(%2) FROM %3 WHERE owner_id = ? AND id > ? ORDER BY id LIMIT ?")
                     .arg(jsonObjectFunction(), pairs.join(QStringLiteral(", ")), table->name),
                 {caller.publisherId, after.isNull() ? QStringLiteral("") : after, qint64(limit) + 1});
    if (!q)
        return q.error();
    bool more = false;
    QString lastId;
    while ((*q)->next()) {
        if (page.rows.size() == limit) {
            more = true;
            break;
        }
        lastId = (*q)->value(0).toString();
        page.rows << (*q)->value(1).toString().toUtf8();
    }
    (*q)->finish();
    if (more) {
        page.nextAfter = lastId;
        page.nextTable = table->name;
    } else {
        const QList<Table> &all = syncedTables();
        for (int i = 0; i + 1 < all.size(); ++i)
            if (all.at(i).name == table->name)
                page.nextTable = all.at(i + 1).name;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return page;
}

Result<TableSum> SqlServerStore::tableChecksum(const Table &table, const QString &publisherId,
                                               const QString &idOrder, bool *inOrder)
{
    constexpr int Page = 5000;
    const QStringList columns = checksumColumns(table);
    const QString sql = QStringLiteral("SELECT id, %1 FROM %2 WHERE owner_id = ? AND %3 > ? ORDER BY %3 LIMIT %4")
                            .arg(columns.join(u','), table.name, idOrder)
                            .arg(Page);
    TableChecksum sum(table);
    QString after = QStringLiteral("");
    QVariantList values;
    for (;;) {
        auto q = run(sql, {publisherId, after});
        if (!q)
            return q.error();
        int rows = 0;
        while ((*q)->next()) {
            ++rows;
            values.clear();
            for (int i = 0; i < columns.size(); ++i)
                values << (*q)->value(i + 1);
            after = (*q)->value(0).toString();
            sum.addRow(after, values);
        }
        (*q)->finish();
        if (rows < Page)
            break;
    }
    *inOrder = sum.inOrder();
    return sum.sum();
}

Result<ChecksumsAnswer> SqlServerStore::checksums(const QString &publisherId)
{
    ChecksumsAnswer out;
    Tx tx(*this, beginReadSql());
    if (!tx.isOpen())
        return tx.error();
    auto ep = epoch();
    if (!ep)
        return ep.error();
    out.epoch = *ep;
    auto h = publisherHead(publisherId);
    if (!h)
        return h.error();
    out.head = *h;
    for (const Table *t : checksumTables()) {
        // Pages in the index's order first (fast); ids are lower-case UUIDs, which every usual
        // collation sorts in byte order. Should one not, the table is read again in byte order
        // (COLLATE "C" on PostgreSQL: correct, but sorted without the index).
        bool inOrder = true;
        auto sum = tableChecksum(*t, publisherId, QStringLiteral("id"), &inOrder);
        if (sum && !inOrder && idByteOrderSql() != u"id")
            sum = tableChecksum(*t, publisherId, idByteOrderSql(), &inOrder);
        if (!sum)
            return sum.error();
        if (!inOrder)
            return Error::make(ErrorKind::Storage, QStringLiteral("checksum.order"),
                               tr("The rows of %1 cannot be read in byte order of their ids.").arg(t->name));
        out.tables << *sum;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<NumberLease> SqlServerStore::leaseNumbers(const Caller &caller, const QString &deskId, int count)
{
    Tx tx(*this, beginWriteSql());
    if (!tx.isOpen())
        return tx.error();
    // Under the lock pushes take: a lease then sees every subscriber number committed before it,
    // and a push sees every block leased before it (on PostgreSQL both would otherwise race).
    if (auto locked = lockGlobalSequence(); !locked)
        return locked.error();
    auto dq = run(QStringLiteral("SELECT owner_id FROM desks WHERE id = ?"), {deskId});
    if (!dq)
        return dq.error();
    if ((*dq)->next()) {
        const QString owner = (*dq)->value(0).toString();
        (*dq)->finish();
        if (owner != caller.publisherId)
            return Error::make(ErrorKind::Conflict, QString::fromUtf16(PushError::DeskForbidden),
                               tr("This desk belongs to another publisher."));
    } else {
        (*dq)->finish();
        if (Status s = exec(QStringLiteral("INSERT INTO desks (id, owner_id, last_seq, registered_at, "
                                           "registered_by) VALUES (?, ?, 0, ?, ?)"),
                            {deskId, caller.publisherId, isoUtc(QDateTime::currentDateTimeUtc()),
                             caller.userName});
            !s)
            return s.error();
    }
    // Numbers a desk gave out before it ever leased (offline from day one) are skipped too.
    auto mq = run(QStringLiteral("SELECT coalesce(max(number), 0) FROM subscriber WHERE owner_id = ?"),
                  {caller.publisherId});
    if (!mq)
        return mq.error();
    const qint64 used = (*mq)->next() ? (*mq)->value(0).toLongLong() : 0;
    (*mq)->finish();
    auto q = run(QStringLiteral("UPDATE publisher SET number_next = (CASE WHEN number_next > ? THEN number_next "
                                "ELSE ? END) + ? WHERE id = ? RETURNING number_next"),
                 {used, used + 1, qint64(count), caller.publisherId});
    if (!q)
        return q.error();
    if (!(*q)->next())
        return Error::make(ErrorKind::NotFound, QStringLiteral("publisher.unknown"), tr("Unknown publisher."));
    const qint64 next = (*q)->value(0).toLongLong();
    (*q)->finish();
    NumberLease lease{next - count, next - 1};
    if (Status s = exec(QStringLiteral("INSERT INTO number_leases (owner_id, first_number, last_number, desk_id, "
                                       "leased_by, leased_at) VALUES (?, ?, ?, ?, ?, ?)"),
                        {caller.publisherId, lease.first, lease.last, deskId, caller.userName,
                         isoUtc(QDateTime::currentDateTimeUtc())});
        !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return lease;
}

} // namespace Relais::Server
