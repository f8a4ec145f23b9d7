#pragma once
// The ServerStore written once in SQL that SQLite and PostgreSQL both accept; the two engines
// differ only in how a connection opens, how a write transaction takes the global-sequence lock,
// and how a read gets a consistent snapshot (the hooks below).

#include "nativeinsert.h"
#include "pgcopy.h"
#include "serverstore.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <unordered_map>

namespace Relais::Server {

class SqlServerStore : public ServerStore
{
public:
    ~SqlServerStore() override;

    bool isInitialized() override;
    Status init() override;
    // Brings a database of an older server schema up to this one (forward only; a newer one is
    // refused). Runs when the store opens.
    Status upgradeSchema();
    Result<QString> epoch() override;
    Result<qint64> epochStart() override;

    Result<PublisherInfo> addPublisher(const QString &code, const QString &name,
                                       const QString &id = {}) override;
    Result<User> addUser(const QString &name, Role role, const QString &publisherCode,
                         const QString &passwordHash) override;
    Status disableUser(const QString &name, const QString &publisherId) override;
    Result<std::optional<User>> userByName(const QString &name) override;
    Result<std::optional<PublisherInfo>> publisherByCode(const QString &code) override;
    Result<QList<User>> usersOf(const QString &publisherId) override;

    Status createSession(const QByteArray &tokenHash, const QString &userId,
                         const QDateTime &expiresAt) override;
    Result<std::optional<Session>> session(const QByteArray &tokenHash,
                                           const QDateTime &now) override;
    Status deleteSession(const QByteArray &tokenHash) override;

    Result<LoginThrottle> loginThrottle(const QString &key) override;
    Result<QHash<QString, LoginThrottle>> loginThrottles(const QStringList &keys) override;
    Status recordLoginFailure(const QString &key, const QDateTime &now, int maxFailures,
                              int lockoutSeconds, int windowSeconds) override;
    Status clearLoginFailures(const QString &key) override;
    Status completeLogin(const LoginSuccess &login) override;
    Result<qint64> prune(const QDateTime &now, int throttleWindowSeconds,
                         int knownAddressDays) override;

    Result<PushOutcome> push(const Caller &caller, const Protocol::PushRequest &request) override;
    Result<PullPage> pull(const Caller &caller, qint64 since, int limit,
                          const QString &deskId) override;
    Result<SnapshotPage> snapshot(const Caller &caller, const QString &table, const QString &after,
                                  int limit) override;
    Result<NumberLease> leaseNumbers(const Caller &caller, const QString &deskId,
                                     int count) override;
    Result<qint64> head() override;
    Result<qint64> publisherHead(const QString &publisherId) override;

    Result<BackupInfo> backup(const QString &path, const QString &createdBy,
                              const QString &publisherId) override;
    Result<QList<BackupInfo>> backups() override;
    Result<BackupCheck> verifyBackup(const QString &path) override;
    Status forgetBackup(const QString &path) override;
    Result<RestoreOutcome> restore(const QString &path, const QStringList &codes, qint64 numberGap,
                                   const QString &by) override;
    // What a restore read in a backup file (verify's scratch restore reads the file once).
    struct BackupFileFacts
    {
        QString sha256;
        qint64 rows = 0;
        QHash<QString, qint64> tableRows;
        QJsonObject header;
    };
    // The restore itself, reading the file once: every table is checked against its checksum as
    // it is read, and `facts` says what was read. sha256: the file's, computed just before (it
    // must match the one this server recorded, and the file must not change while it is read);
    // empty for a file this server did not write, and for verify's scratch restore. header: the
    // file's header if already read (empty: the reader's). In one transaction: a damaged or
    // swapped file changes nothing.
    // indexes: into a scratch store (verify), only the indexes that guard a rule (UNIQUE) are
    // built again after the rows; the others would prove nothing and cost a tenth of the time.
    enum class RestoreIndexes { All, UniqueOnly };
    Result<RestoreOutcome> restoreVerified(const QString &path, const QString &sha256,
                                           const QJsonObject &header, const QStringList &codes,
                                           qint64 numberGap, const QString &by,
                                           BackupFileFacts *facts = nullptr,
                                           RestoreIndexes indexes = RestoreIndexes::All);
    Result<ImportOutcome> importRows(const Caller &caller, const ImportRequest &request) override;
    Result<Protocol::ChecksumsAnswer> checksums(const QString &publisherId) override;
    Status reportDesk(const Caller &caller, const Protocol::DeskReport &report,
                      const QDateTime &receivedAt) override;
    Result<QList<PublisherDesks>> desks(const QString &publisherId, const QDateTime &now) override;

protected:
    explicit SqlServerStore(QString connectionName);
    QSqlDatabase &db() { return m_db; }
    const QString &connectionName() const { return m_connectionName; }
    void setDatabase(QSqlDatabase db)
    {
        m_db = std::move(db);
        attachInserters();
    }

    // BEGIN for a write; a push then runs lockGlobalSequenceSql() first thing, so that global
    // sequence numbers are allocated, and committed, one transaction at a time.
    virtual QString beginWriteSql() const = 0;
    // Reads the last global sequence number; in PostgreSQL it also locks the row (FOR UPDATE) until
    // COMMIT. SQLite needs no more than its BEGIN IMMEDIATE.
    virtual QString lockGlobalSequenceSql() const = 0;
    // BEGIN for a read that must see one snapshot (rows and head agree).
    virtual QString beginReadSql() const = 0;
    // ORDER BY for ids in byte order, whatever the database's collation (checksums feed rows in it).
    virtual QString idByteOrderSql() const { return QStringLiteral("id"); }
    virtual QString integerType() const { return QStringLiteral("BIGINT"); }
    // The SQL function building a JSON object from key/value pairs (snapshots are encoded by the
    // database: several times faster than a QJsonObject per row).
    virtual QString jsonObjectFunction() const = 0;
    // Run first inside the transaction of a schema upgrade, so that two processes starting at once
    // cannot both upgrade (PostgreSQL: a transaction-scoped advisory lock; SQLite's BEGIN IMMEDIATE
    // already serialises them).
    virtual QString schemaLockSql() const { return QString(); }

    // Runs a statement prepared once per connection, binding `values` in order.
    Result<QSqlQuery *> run(const QString &sql, const QVariantList &values = {});
    Status exec(const QString &sql, const QVariantList &values = {});
    // A statement run as it stands, not prepared: DDL (PostgreSQL prepares only DML).
    Status execUnprepared(const QString &sql);
    // Session settings applied after every (re)connection.
    virtual Status afterOpen() { return Ok{}; }
    // When the connection is gone (database restarted, backend killed), opens a new one; true if it
    // did. A request that failed because of it gets a 500; the next one works.
    bool reconnectIfBroken();
    // Ends the reads of cached statements left part-read (a lookup that stopped at its first row):
    // on SQLite such a statement holds its snapshot, and once another process has written since,
    // BEGIN IMMEDIATE on this connection fails at once with "database is locked" (SQLITE_BUSY,
    // no busy wait), on every later request. True if one was open (the caller may try again).
    bool finishOpenReads();

private:
    class Tx;
    struct PushContext;
    struct PushMode
    {
        bool allOrNothing = false; // a refused operation rolls the whole push back
        bool dryRun = false;       // never commits
        // Subscriber numbers must respect the blocks leased to desks (off for a reseed: a desk's
        // copy holds every desk's numbers, as that desk pulled them).
        bool checkLeases = true;
        std::function<Status()> underLock;    // first thing once the global sequence is locked
        std::function<Status()> beforeCommit; // last thing before COMMIT
    };
    Result<PushOutcome> pushWith(const Caller &caller, const Protocol::PushRequest &request,
                                 const PushMode &mode);
    Status applyOne(PushContext &ctx, const Protocol::PushOperation &op,
                    Protocol::OpResult &result);
    // Reads the lease blocks the push's subscriber creates need (one or two queries per push).
    Status loadLeaseBlocks(PushContext &ctx, const Protocol::PushRequest &request,
                           qint64 lastSeqBefore);
    struct Current
    {
        bool exists = false; // under any publisher (ids are global)
        bool mine = false;   // and the caller's publisher owns it
        QVariantMap row;
    };
    Result<Current> loadRow(const Protocol::Table &table, const QString &id,
                            const QString &ownerId);
    Result<bool> sameRowThere(const Protocol::Table &table, const QString &id,
                              const QString &ownerId, const QVariantMap &row);
    Result<Issues> checkRules(const Protocol::Table &table, const QString &id,
                              const QVariantMap &row, const QString &ownerId,
                              const QStringList &changed, bool checkUnique);
    // Appends rows to a multi-row INSERT written at the end of the push (fewer round trips).
    // ignoreConflicts: ON CONFLICT DO NOTHING (a restore's change sequence). bytesAreText: a
    // QByteArray value is UTF-8 text, not a blob (a restore's rows read as they are in the file).
    Status flushInserts(const QString &table, const QStringList &columns, QList<QVariantList> &rows,
                        bool ignoreConflicts = false, bool bytesAreText = false);
    bool nativeInserts() const { return m_nativeInserts; }
    // The indexes of `table` that DROP INDEX can take away and their CREATE statements (not those
    // behind a PRIMARY KEY or a UNIQUE column constraint): a restore into an empty table drops
    // them and builds them once after the rows, as pg_restore does.
    Result<QList<std::pair<QString, QString>>> droppableIndexes(const QString &table);
    // How many rows a caller gathers before flushInserts: COPY (PostgreSQL) gains from more.
    int insertBatch() const { return m_copyInserts ? 5000 : 500; }
    // The inserters on the connection's own handle. RELAIS_SERVER_PORTABLE_INSERTS=1 writes
    // through QSqlQuery instead (multi-row INSERTs, for comparison).
    void attachInserters();
    Result<std::optional<User>> userWhere(const QString &where, const QVariant &value);
    Result<std::pair<QString, qint64>> epochAndStart();
    // Refuses a file whose SHA-256 differs from the one recorded when this server wrote it there.
    Status checkRecordedSha256(const QString &path, const QString &sha256,
                               QString *recorded = nullptr, QString *recordedAt = nullptr);
    // One table's checksum, its rows read in pages ordered by `idOrder` (see idByteOrderSql()).
    Result<Protocol::TableSum> tableChecksum(const Protocol::Table &table,
                                             const QString &publisherId, const QString &idOrder,
                                             bool *inOrder);
    // verify's scratch store (SQLite): `column declaration UNIQUE` of `table` made a separate
    // unique index, which a restore builds once after the rows; nothing when the text differs.
    Status uniqueAsIndex(const QString &table, const QString &column, const QString &declaration);
    // Builds an index dropped for a restore; a UNIQUE one the rows break refuses the backup.
    Status buildIndexAfter(const QString &path, const QString &name, const QString &sql);
    Result<Protocol::TableSum> tableChecksumSqlite(sqlite3 *lite, const Protocol::Table &table,
                                                   const QString &publisherId, bool *inOrder);
    // Sends the writes a push held back (multi-row INSERTs and UPDATE ... FROM (VALUES ...)).
    // run() calls it before any other statement while a push is applied, so every read sees them.
    Status flushPending();
    // In a write transaction: takes the global-sequence lock (see lockGlobalSequenceSql()) and
    // returns the last number handed out.
    Result<qint64> lockGlobalSequence();
    // Notes the time of a desk's pull (deskstatus.cpp); never fails the pull.
    void noteDeskPull(const QString &deskId);
    QHash<QString, QDateTime> m_pullNoted; // when this process last noted each desk's pull

    QSqlDatabase m_db;
    QString m_connectionName;
    // SQLite only: inserts of many rows through SQLite's own interface (see nativeinsert.h).
    NativeInserter m_native;
    bool m_nativeInserts = false;
    // PostgreSQL only: rows written with COPY through libpq (see pgcopy.h).
    PgCopyInserter m_copy;
    bool m_copyInserts = false;
    qint64 m_copiedRows = 0; // rows written with COPY, for the restore's log
    // Prepared statements by SQL text, least recently used evicted beyond MaxPrepared: a push's
    // multi-row statements vary with its column sets and row counts, and must not grow the cache
    // (and the database's statement memory) without end.
    struct Prepared
    {
        std::unique_ptr<QSqlQuery> query;
        quint64 lastUse = 0;
    };
    static constexpr int MaxPrepared = 128;
    std::unordered_map<QString, Prepared> m_prepared;
    quint64 m_useCounter = 0;
    void evictPrepared();
    // In the transaction of completeLogin().
    Status writeLogin(const LoginSuccess &login);
    bool m_inTransaction = false;
    bool m_retrying = false;
    PushContext *m_push = nullptr; // the push being applied, if any
    bool m_flushing = false;
};

} // namespace Relais::Server
