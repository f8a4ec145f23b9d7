#pragma once
// The server's store: accounts, sessions, the synced entities of every publisher, the per-desk
// record of accepted operations and the global change sequence. One interface, two engines
// (SQLite for one host, PostgreSQL for several server processes); both run the same test suite.
// A store belongs to the thread that opened it (it owns a QSqlDatabase connection).

#include "deskreport.h"
#include "messages.h"
#include "protocol.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace Relais::Server {

enum class Role { Clerk = 1, Supervisor = 2, Admin = 3 };
QString roleCode(Role r);
std::optional<Role> roleFromCode(const QString &code);

struct PublisherInfo
{
    QString id;
    QString code;
    QString name;
};

struct User
{
    QString id;
    QString name;
    Role role = Role::Clerk;
    PublisherInfo publisher;
    QString passwordHash; // argon2id string from libsodium
    bool disabled = false;
};

struct Session
{
    User user;
    QDateTime expiresAt;
};

// Who asks: the authenticated user, as the handlers pass it to the store.
struct Caller
{
    QString userName;
    Role role = Role::Clerk;
    QString publisherId;
};

struct PushOutcome
{
    QString epoch;
    qint64 lastSeq = 0;    // the desk's last accepted sequence number after this push
    qint64 backupSeq = 0;  // the desk's last number inside the latest verified backup
    qint64 epochStart = 0; // the global sequence number the epoch started from
    qint64 head = 0;       // global sequence after this push
    bool advanced = false; // a new global sequence number was allocated (announce it)
    bool committed = false;
    QList<Protocol::OpResult> results;
};

// One pulled change with its row as stored JSON text (passed through, never re-encoded).
struct RawChange
{
    qint64 seq = 0;
    QString entity;
    QString id;
    QByteArray rowJson;
};

struct PullPage
{
    QString epoch;
    qint64 epochStart = 0;
    QList<RawChange> changes;
    qint64 next = 0; // cursor to pass as `since` next time
    qint64 head = 0;
    bool more = false;
    qint64 deskLastSeq = -1; // -1: no desk named or unknown desk
    qint64 deskBackupSeq = -1;
};

struct SnapshotPage
{
    QString epoch;
    QString table;
    QList<QByteArray> rows; // each a JSON object, as the database wrote it
    QString nextAfter;      // empty: this table is done
    QString nextTable;      // empty: the snapshot is done
    qint64 head = 0;
    qint64 total = -1; // rows of the whole snapshot, on its first page only (a desk's "x of y")
};

struct NumberLease
{
    qint64 first = 0;
    qint64 last = 0;
};

// A backup file written by the server (docs/server.md, "Backups"): every table but sessions, as
// NDJSON, with a row count and a SHA-256 per table in its last line.
struct BackupInfo
{
    QString name; // file name, in the backup directory
    QString path;
    QString epoch;   // the epoch the backup was taken in
    qint64 head = 0; // the global sequence it holds up to
    qint64 rows = 0;
    qint64 bytes = 0;
    QString sha256; // of the whole file
    QString createdAt;
    QString createdBy;
    QString verifiedAt; // empty: never verified
    QString
        publisherId; // the one publisher it holds (an admin's backup over HTTP); empty: the whole database
};

struct BackupCheck
{
    QString sha256; // of the whole file
    QString
        recordedSha256; // what this server recorded when it wrote the file; empty: not written here
    QString recordedAt;
    QString epoch; // the backup's epoch and head
    qint64 head = 0;
    qint64 rows = 0; // rows in the file, every table
    QHash<QString, qint64>
        tableRows;          // per table, as the file's trailer and the scratch restore agree
    QStringList publishers; // codes restored into the scratch store
    QList<std::pair<QString, Protocol::ChecksumsAnswer>>
        checksums; // per publisher code, after the scratch restore
};

struct RestoreOutcome
{
    QString epoch;         // the new epoch
    qint64 epochStart = 0; // the global sequence number the new epoch continues from
    QString backupEpoch;
    qint64 backupHead = 0;
    QStringList publishers; // codes restored
    QStringList publisherIds;
    qint64 rows = 0;      // synced rows now in place for those publishers
    qint64 announced = 0; // rows whose restored state was added to the change sequence
    qint64 head = 0;
};

// Rows created in bulk by a supervisor (bulk/import) or by an admin reseeding an empty publisher
// from a desk's full copy (admin/reseed). Each row goes through the push rules as a create.
struct ImportRow
{
    int line = 0; // position in the request (1-based), for the error report
    QString entity;
    QString id;
    QVariantMap fields;
};

struct ImportRequest
{
    QString importId; // UUID; sending the same import again applies it once
    QList<ImportRow> rows;
    bool dryRun = false;
    // Reseed only: the desk whose copy this is, and its last operation number.
    QString reseedDeskId;
    qint64 reseedDeskLastSeq = -1;
    bool reseedFinal = false;
};

struct ImportOutcome
{
    bool applied = false; // committed (false on a dry run or when a row was refused)
    int created = 0;
    int repeated = 0; // rows of an import already applied under this import id
    qint64 head = 0;
    bool advanced = false;
    QList<std::pair<int, Protocol::OpResult>> refused; // line, result
    bool reseedDone = false;
};

// The desks at a glance of one publisher (GET admin/desks, relais-server desks).
struct PublisherDesks
{
    PublisherInfo publisher;
    Protocol::DesksAnswer desks;
};

struct LoginThrottle
{
    int failures = 0;
    QDateTime lockedUntil; // invalid: not locked
    QDateTime lastAt; // the last failure (or, for an address a user logged in from, the last login)
};

// What a good login writes, in one transaction (see ServerStore::completeLogin).
struct LoginSuccess
{
    QStringList clearKeys; // throttle rows the success clears
    QString knownKey;      // the user's address, remembered as one they logged in from
    QByteArray tokenHash;
    QString userId;
    QDateTime now;
    QDateTime expiresAt;
    int maxSessions = 20; // the user's oldest sessions beyond this end
};

// Refusals of a whole push (nothing applied): the handler maps the code to an HTTP status.
namespace PushError {
inline constexpr char16_t Gap[] = u"sync.gap";
inline constexpr char16_t SeqReused[] = u"sync.seq_reused";
inline constexpr char16_t OpIdReused[] = u"sync.op_id_reused";
inline constexpr char16_t DeskForbidden[] = u"desk.forbidden";
inline constexpr char16_t ReseedNotEmpty[] = u"reseed.not_empty";
inline constexpr char16_t ReseedOtherDesk[] = u"reseed.other_desk";
inline constexpr char16_t ReseedDeskAhead[] = u"reseed.desk_ahead";
} // namespace PushError

namespace RestoreError {
inline constexpr char16_t BadFile[] = u"backup.invalid";
inline constexpr char16_t PublisherMismatch[] = u"restore.publisher_mismatch";
inline constexpr char16_t PublisherMissing[] = u"restore.publisher_missing";
// The file is not the one this server wrote under that path (its SHA-256 differs from the recorded one).
inline constexpr char16_t ShaMismatch[] = u"backup.sha256_mismatch";
} // namespace RestoreError

// The code of a store error when the database's disk is full (HTTP 503, docs/api.md "Errors").
inline constexpr char16_t StorageFull[] = u"storage.full";

class ServerStore
{
public:
    virtual ~ServerStore() = default;

    // "sqlite:FILE" or "postgresql://USER@HOST:PORT/DB" (a password comes from PGPASSWORD or
    // ~/.pgpass, never from the command line).
    static Result<std::unique_ptr<ServerStore>> open(const QString &url);

    virtual QString engine() const = 0;
    virtual bool isInitialized() = 0;
    // Creates the schema and a new epoch; refuses a database that already holds one.
    virtual Status init() = 0;
    virtual Result<QString> epoch() = 0;
    // Where the current epoch's change sequence starts: 0 for a database never restored, else the
    // number the restore continued from. A desk that meets a new epoch pulls again from
    // min(its cursor, this), since a restore into a new database numbers from the backup's head.
    virtual Result<qint64> epochStart() = 0;

    // `id`: keep a publisher's identity (empty: a new one). After a total loss the publisher is
    // made again under the id its desks hold, so that they carry on (docs/operations.md).
    virtual Result<PublisherInfo> addPublisher(const QString &code, const QString &name,
                                               const QString &id = {}) = 0;
    virtual Result<User> addUser(const QString &name, Role role, const QString &publisherCode,
                                 const QString &passwordHash) = 0;
    // Disables a user and ends their sessions. With a publisher id, only a user of that publisher
    // (an admin over HTTP); empty: any (the command line).
    virtual Status disableUser(const QString &name, const QString &publisherId) = 0;
    virtual Result<std::optional<User>> userByName(const QString &name) = 0;
    virtual Result<std::optional<PublisherInfo>> publisherByCode(const QString &code) = 0;
    virtual Result<QList<User>> usersOf(const QString &publisherId) = 0;

    virtual Status createSession(const QByteArray &tokenHash, const QString &userId,
                                 const QDateTime &expiresAt) = 0;
    // The live session of a token, or nullopt (unknown, expired, or its user disabled).
    virtual Result<std::optional<Session>> session(const QByteArray &tokenHash,
                                                   const QDateTime &now) = 0;
    virtual Status deleteSession(const QByteArray &tokenHash) = 0;

    virtual Result<LoginThrottle> loginThrottle(const QString &key) = 0;
    // The throttle rows of `keys` that exist, in one query.
    virtual Result<QHash<QString, LoginThrottle>> loginThrottles(const QStringList &keys) = 0;
    // Counts a failed login; failures older than `windowSeconds` are forgotten first. Locks the key
    // for `lockoutSeconds` once it reaches `maxFailures` (0: counted, never locked).
    virtual Status recordLoginFailure(const QString &key, const QDateTime &now, int maxFailures,
                                      int lockoutSeconds, int windowSeconds) = 0;
    virtual Status clearLoginFailures(const QString &key) = 0;
    // A good login: clears its throttle rows, remembers the address, ends the user's oldest sessions
    // beyond the cap and creates the new one. One transaction, idempotent: run again once on a new
    // connection when the first one was lost, so that a lost connection cannot turn it into a 500.
    virtual Status completeLogin(const LoginSuccess &login) = 0;
    // Deletes expired sessions, throttle rows past their window and lock-out, and addresses not
    // logged in from for `knownAddressDays`. Returns the number of rows deleted.
    virtual Result<qint64> prune(const QDateTime &now, int throttleWindowSeconds,
                                 int knownAddressDays) = 0;

    virtual Result<PushOutcome> push(const Caller &caller,
                                     const Protocol::PushRequest &request) = 0;
    virtual Result<PullPage> pull(const Caller &caller, qint64 since, int limit,
                                  const QString &deskId) = 0;
    virtual Result<SnapshotPage> snapshot(const Caller &caller, const QString &table,
                                          const QString &after, int limit) = 0;
    virtual Result<NumberLease> leaseNumbers(const Caller &caller, const QString &deskId,
                                             int count) = 0;
    virtual Result<qint64> head() = 0;
    // What a publisher's users are told the head is: its own last change (or where the epoch
    // started, if later). The global head would tell them how busy the other publishers are.
    virtual Result<qint64> publisherHead(const QString &publisherId) = 0;

    // Writes a backup of the whole database to `path` (through path.part, fsynced, renamed), reads
    // it back to verify it, records it, and marks each desk's operations it holds as backed up.
    // With a publisher id, only that publisher's rows, users, desks and operations (an admin's
    // backup over HTTP), and only its desks' backup_seq moves; empty: the whole database (the
    // operator's backup, from the command line).
    virtual Result<BackupInfo> backup(const QString &path, const QString &createdBy,
                                      const QString &publisherId = QString()) = 0;
    virtual Result<QList<BackupInfo>> backups() = 0;
    // Removes the record of a backup whose file was deleted (a scheduled backup rotated out).
    virtual Status forgetBackup(const QString &path) = 0;
    // A backup checked on its own (relais-server verify): every table against its checksum, the
    // SHA-256 recorded when this server wrote it (when it did), then restored into a scratch SQLite
    // store whose row counts must match the file's. Changes nothing here.
    virtual Result<BackupCheck> verifyBackup(const QString &path) = 0;
    // Replaces the data of the publishers `codes` (empty: every publisher in the file) with their
    // state in the backup at `path`, in one transaction, and starts a new epoch. Publishers missing
    // here are created, with their users; `numberGap` is added to their next subscriber number,
    // since numbers leased after the backup are unknown. Rows whose state goes back are appended to
    // the change sequence, so that desks pull the restored state.
    virtual Result<RestoreOutcome> restore(const QString &path, const QStringList &codes,
                                           qint64 numberGap, const QString &by) = 0;
    // All or nothing: one refused row and nothing is written.
    virtual Result<ImportOutcome> importRows(const Caller &caller,
                                             const ImportRequest &request) = 0;
    // The per-table checksums of a publisher's rows (models/protocol/checksum.h), with the epoch and
    // head they were read at (one snapshot).
    virtual Result<Protocol::ChecksumsAnswer> checksums(const QString &publisherId) = 0;

    // The desks at a glance (deskstatus.cpp): a desk's latest report, kept with the server's time
    // of receipt (desk.forbidden for another publisher's desk); and the desks of a publisher (empty
    // id: of every publisher), with the late flag as of `now`.
    virtual Status reportDesk(const Caller &caller, const Protocol::DeskReport &report,
                              const QDateTime &receivedAt) = 0;
    virtual Result<QList<PublisherDesks>> desks(const QString &publisherId,
                                                const QDateTime &now) = 0;
};

} // namespace Relais::Server
