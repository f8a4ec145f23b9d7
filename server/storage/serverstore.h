#pragma once
// The server's store: accounts, sessions, the synced entities of every publisher, the per-desk
// record of accepted operations and the global change sequence. One interface, two engines
// (SQLite for one host, PostgreSQL for several server processes); both run the same test suite.
// A store belongs to the thread that opened it (it owns a QSqlDatabase connection).

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
    qint64 lastSeq = 0; // the desk's last accepted sequence number after this push
    qint64 head = 0;    // global sequence after this push
    bool advanced = false; // a new global sequence number was allocated (announce it)
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
    QList<RawChange> changes;
    qint64 next = 0;  // cursor to pass as `since` next time
    qint64 head = 0;
    bool more = false;
    qint64 deskLastSeq = -1; // -1: no desk named or unknown desk
};

struct SnapshotPage
{
    QString epoch;
    QString table;
    QList<QByteArray> rows; // each a JSON object, as the database wrote it
    QString nextAfter; // empty: this table is done
    QString nextTable; // empty: the snapshot is done
    qint64 head = 0;
};

struct NumberLease
{
    qint64 first = 0;
    qint64 last = 0;
};

struct LoginThrottle
{
    int failures = 0;
    QDateTime lockedUntil; // invalid: not locked
};

// Refusals of a whole push (nothing applied): the handler maps the code to an HTTP status.
namespace PushError {
inline constexpr char16_t Gap[] = u"sync.gap";
inline constexpr char16_t SeqReused[] = u"sync.seq_reused";
inline constexpr char16_t OpIdReused[] = u"sync.op_id_reused";
inline constexpr char16_t DeskForbidden[] = u"desk.forbidden";
} // namespace PushError

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

    virtual Result<PublisherInfo> addPublisher(const QString &code, const QString &name) = 0;
    virtual Result<User> addUser(const QString &name, Role role, const QString &publisherCode,
                                 const QString &passwordHash) = 0;
    // Disables a user and ends their sessions. With a publisher id, only a user of that publisher
    // (an admin over HTTP); empty: any (the command line).
    virtual Status disableUser(const QString &name, const QString &publisherId) = 0;
    virtual Result<std::optional<User>> userByName(const QString &name) = 0;
    virtual Result<QList<User>> usersOf(const QString &publisherId) = 0;

    virtual Status createSession(const QByteArray &tokenHash, const QString &userId,
                                 const QDateTime &expiresAt) = 0;
    // The live session of a token, or nullopt (unknown, expired, or its user disabled).
    virtual Result<std::optional<Session>> session(const QByteArray &tokenHash, const QDateTime &now) = 0;
    virtual Status deleteSession(const QByteArray &tokenHash) = 0;

    virtual Result<LoginThrottle> loginThrottle(const QString &key) = 0;
    // Counts a failed login; locks the key for `lockout` once it reaches `maxFailures`.
    virtual Status recordLoginFailure(const QString &key, const QDateTime &now, int maxFailures,
                                      int lockoutSeconds) = 0;
    virtual Status clearLoginFailures(const QString &key) = 0;

    virtual Result<PushOutcome> push(const Caller &caller, const Protocol::PushRequest &request) = 0;
    virtual Result<PullPage> pull(const Caller &caller, qint64 since, int limit, const QString &deskId) = 0;
    virtual Result<SnapshotPage> snapshot(const Caller &caller, const QString &table,
                                          const QString &after, int limit) = 0;
    virtual Result<NumberLease> leaseNumbers(const Caller &caller, const QString &deskId, int count) = 0;
    virtual Result<qint64> head() = 0;
};

} // namespace Relais::Server
