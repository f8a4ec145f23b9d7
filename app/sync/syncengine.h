#pragma once
// The desk's sync engine: one round at a time — the first copy of a new desk (snapshot, resumable),
// the epoch check (a server restored from an older backup gets back what it lost), a block of
// subscriber numbers when few are left, the outbox pushed in batches, the server's changes pulled
// page by page. It owns its own database connection and network access and lives on its own thread
// (SyncService) or, in relaisctl, on the main thread; the window never waits on it.
//
// Every operation ends applied, in conflict or rejected; anything else (the network, a 5xx, a 429,
// a 401 before a new login) leaves it queued, and it is sent again with the same ids after a
// backoff (exponential, with jitter, capped at 5 minutes, reset on success; Retry-After obeyed).

#include "syncstatus.h"

#include "database.h"
#include "deskreport.h"
#include "messages.h"
#include "protocol.h"
#include "store.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QThreadPool;
class QTimer;
class QWebSocket;

namespace Relais {
class Inbound;
class Outbox;
} // namespace Relais

namespace Relais::Sync {

class HttpClient;

struct HttpAnswer
{
    int status = 0; // 0: no answer (network)
    QJsonObject json;
    QString networkError;
    int retryAfterSeconds = -1;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body; // a 200's body left unread, when the request asked for it (rawSuccess)
    QString code() const { return json.value(QStringLiteral("code")).toString(); }
};

class Engine final : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QString dbPath, QObject *parent = nullptr);
    ~Engine() override;

    // Opens the database (on the engine's thread). False, with status(), when it cannot.
    bool open();
    Overview status() const { return m_status; }
    QString deskId() const { return m_deskId; }

    // Tuning (tests, relaisctl): pages and batches, the backoff's first delay and cap, the time
    // without progress after which a round is abandoned, the debounce after a local commit.
    struct Tuning
    {
        int pushBatch = 1000;
        int pullLimit = 1000;
        int snapshotLimit = 5000;
        int backoffFirstMs = 1000;
        int backoffCapMs = 5 * 60 * 1000;
        int stallMs = 3 * 60 * 1000;
        int debounceMs = 300;
        int pollMs = 30 * 1000; // rounds when the notify channel is down
        int watchLocalMs = 500; // how often another connection's commits are looked for
        int leaseBelow = 100;   // lease a new block when fewer numbers are left
        int leaseCount = 500;
        int requestTimeoutMs = 60 * 1000;
        // The desk's report (POST sync/desk-status) goes at the end of a round when it changed,
        // and at least this often while rounds run (docs/api.md).
        int reportEveryMs = 5 * 60 * 1000;
        // The next push batch is read while the server applies the one before (stepPush);
        // off only to measure what that gains (bench/bench_sync).
        bool overlapPushes = true;
    };
    void setTuning(const Tuning &t) { m_tuning = t; }

public Q_SLOTS:
    // Where to sync and as whom; an empty URL turns sync off (local only).
    void configure(const QUrl &server, const QString &user);
    // A token kept from an earlier run; `expiresAt` (ISO UTC, may be empty) lets an offline desk
    // say that a login is needed without waiting for a 401.
    void setToken(const QByteArray &token, const QString &expiresAt = QString());
    // Logs in (a password is never stored); on success the token is used and tokenIssued() sent.
    void login(const QString &user, const QString &password);
    // Forgets the token (the queue stays as it is).
    void logout();
    // Runs a round now (or right after the one running).
    void syncNow();
    // The window committed a change: send it at once (automatic mode), without waiting for the
    // look at the database that catches other connections' commits.
    void localCommit();
    // Automatic rounds: after local commits (seen on the database), on notify messages, on a timer
    // when the channel is down, after a backoff. Off: rounds only on syncNow().
    void setAutomatic(bool on);
    // Stops the bootstrap or the round running at the next page, and automatic rounds until the
    // next syncNow(); the first copy resumes from the last page written.
    void cancel();
    // Settling what needs a clerk: a new operation (keep mine) or the server's value adopted.
    void resolveConflict(qint64 conflictId, bool keepMine, const QString &clerk);
    void withdrawRejected(qint64 seq, const QString &clerk);
    // Supervisors: every desk of the publisher as the server sees it (GET admin/desks), on a
    // connection of its own beside the rounds; the answer comes with desksFetched().
    void fetchDesks();

Q_SIGNALS:
    void statusChanged(const Relais::Sync::Overview &status);
    void roundFinished(const Relais::Sync::Receipt &receipt);
    void tokenIssued(const QByteArray &token, const QString &expiresAt);
    void loginFinished(bool ok, const QString &message);
    // Rows written from the server: open views refresh.
    void dataChanged(const QStringList &tables);
    void settled(bool ok, const QString &message); // after resolveConflict / withdrawRejected
    // After fetchDesks(): the answer, or an empty one and why not (translated).
    void desksFetched(const Relais::Protocol::DesksAnswer &answer, const QString &error);

private:
    enum class Step { Idle, Login, Bootstrap, Handshake, Lease, Push, Pull };

    void startRound();
    bool tokenExpired() const;
    void runRound();
    void
    autoSync(); // a round started by the engine itself (notify, timer, commit): not when stopped
    void finishRound(const QString &outcome, const QString &message = {});
    void fail(const HttpAnswer &answer, const QString &what);
    void stepBootstrap();
    // One page of the first copy, at the place given (the table and id the previous page named).
    // Its JSON is read on m_parsePool while the page before it is written here; the server's
    // Relais-Next-Page header lets the page after it be asked for at once (syncsnapshot.cpp).
    void fetchSnapshotPage(const QString &table, const QString &after);
    // Writes the pages whose reading finished, in the order they were asked for.
    void writeSnapshotPages();
    // Asks for the page after the last one asked for, once its place is known and few enough
    // pages are held.
    void askNextSnapshotPage();
    // Forgets the pages on their way (a round ended, or the desk's place moved).
    void dropSnapshotPages();
    struct SnapshotInFlight;
    void stepHandshake();
    // GET sync/pull from the cursor (with desk_id), or from `since` (a page asked for ahead);
    // onPage gets a page read whole, or the round ends through fail() (a 401 logs in once and
    // calls `again`). An answer arriving after its round ended is dropped.
    void fetchPullPage(const QString &what, std::function<void()> again,
                       std::function<void(const Protocol::PullAnswer &)> onPage,
                       std::optional<qint64> since = std::nullopt);
    // One page of the pull from `since`; the next is asked for while this one is written.
    void fetchPullAt(qint64 since);
    void stepLease();
    void stepNumbers();
    // Goes on as a new desk (see Outbox::reregister); false when the database failed (round ended).
    bool reregister(qint64 firstOwnSeq);
    void stepPush();
    // A push body read from the outbox and written out, ready to leave.
    struct PreparedPush
    {
        QList<Protocol::PushOperation> ops;
        QByteArray payload;
    };
    PreparedPush preparePush(QList<Protocol::PushOperation> ops) const;
    // Sends one push; while the server applies it, the batch after it is read and written out
    // (m_nextPush), so that it leaves as soon as this one is answered.
    void sendPush(PreparedPush push);
    // The batch after `lastSent`, when it can leave before the answer to `lastSent` is recorded:
    // contiguous numbers, no stand-in needed, no pulled row waiting for an answer.
    std::optional<PreparedPush> prepareNextPush(qint64 lastSent);
    void onPushAnswer(const QList<Protocol::PushOperation> &sent, const HttpAnswer &a);
    QList<Protocol::PushOperation> withPlaceholders(Outbox &outbox,
                                                    const QList<Protocol::PushOperation> &batch);
    // The result code of an operation set aside because the server could not read it.
    static constexpr const char *SetAsideCode = "request.invalid";
    void stepPull();
    // Returns true when the epoch changed and the round was redirected.
    bool checkEpoch(const QString &epoch, qint64 epochStart, std::optional<qint64> deskLastSeq);
    // `client`: another connection than the round's (null: the round's, or the login's for login).
    void request(const QByteArray &method, const QString &path, const QJsonObject &body,
                 std::function<void(const HttpAnswer &)> done, HttpClient *client = nullptr);
    // The same with the body already written out. `rawSuccess`: a 200's body is handed over as
    // bytes (HttpAnswer::body), not read as JSON on this thread.
    void requestPayload(const QByteArray &method, const QString &path, const QByteArray &payload,
                        std::function<void(const HttpAnswer &)> done, HttpClient *client = nullptr,
                        bool rawSuccess = false);
    // The desk's state for the server (queue, oldest change, numbers, epoch, version, clock).
    Protocol::DeskReport deskReport();
    // Sends the report when it changed or is due (never failing the round), then `then`.
    void reportThen(std::function<void()> then);
    // Subscriber numbers left in the leased blocks (current and reserve); -1: never leased.
    qint64 numbersLeft();
    void scheduleRetry(int retryAfterSeconds);
    // A clerk's choice written in one transaction, then told (settled, dataChanged).
    bool settle(const QString &entity, const std::function<Status()> &write);
    void refreshCounts();
    void afterSettle();
    void setState(State s, const QString &message = {});
    void publish();
    void watchLocal();
    void openChannel();
    void loginThen(std::function<void()> next);
    // A 401: a new login and `again`, once per round; otherwise the round ends as "login". False
    // for any other answer.
    bool unauthorized(const HttpAnswer &a, std::function<void()> again);
    QString meta(const char *key, const QString &fallback = {});
    // A demo desk (relaisctl demo, meta "demo" = 1) is never synced: its message, or empty.
    QString demoRefusal();
    void setMeta(const char *key, const QString &value);
    void journal(const Receipt &r);
    bool storageFailed(const Error &e);

    QString m_dbPath;
    std::optional<Store> m_database; // the engine's own connection
    QString m_deskId;
    HttpClient *m_http = nullptr;
    HttpClient *m_loginHttp = nullptr; // logins, beside a round's requests
    HttpClient *m_adminHttp = nullptr; // a supervisor's look at the desks, beside the rounds
    QJsonObject m_lastReport;          // the last report the server took, without its clock
    QElapsedTimer m_lastReportClock;
    bool m_reportUnsupported = false; // an older server without sync/desk-status
    QUrl m_server;
    QString m_user;
    QByteArray m_token;
    QDateTime m_tokenExpiresAt; // invalid: unknown
    QString
        m_password; // only for the round that needs it (relaisctl --password-file), then cleared
    Tuning m_tuning;
    Overview m_status;
    Receipt m_receipt;
    QElapsedTimer m_roundClock;
    bool m_running = false;
    quint64 m_roundSerial = 0; // which round an answer belongs to (a page asked for ahead)
    bool m_again = false;
    bool m_cancel = false;
    bool m_paused = false;       // a clerk pressed Stop
    qint64 m_serverDeskLast = 0; // this desk's last operation the server holds, as last told
    bool m_automatic = false;
    bool m_reloggedThisRound = false;
    bool m_loggingIn = false; // a POST login is on its way
    bool m_retriedGap = false;
    int m_failures = 0;
    qint64 m_heldByImport = 0; // pending operations a running import holds back (not sendable yet)
    int m_pushBatch = 1000;
    std::optional<PreparedPush> m_nextPush; // read while the push before it is on its way
    std::deque<std::shared_ptr<SnapshotInFlight>> m_snapshotPages; // asked for, in order
    QThreadPool *m_parsePool = nullptr; // one thread: reads snapshot pages' JSON
    bool m_writingPages = false;
    // The page being written, in slices between which the engine's event loop runs (the next
    // page's answer is read meanwhile): its writer holds the page's transaction.
    std::unique_ptr<Inbound> m_pageWriter;
    std::shared_ptr<SnapshotInFlight> m_pageWriting;
    qsizetype m_pageRowsWritten = 0;
    bool m_sliceQueued = false;
    // Writes the next slice of m_pageWriting; true when the page is written and committed (the
    // caller goes on), false when it yields to the event loop or the round ended.
    bool writePageSlice();
    // Work that writes to the engine's connection, asked for while a page is half written (its
    // transaction open), waits for the page's end: true when `f` was kept for then.
    bool afterPageWrite(std::function<void()> f);
    void runAfterPageWrite();
    std::vector<std::function<void()>> m_afterPage;
    int m_overlappedPushes = 0; // batches of this round that left before the previous was recorded
    qint64 m_lastDataVersion = -1;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_debounce = nullptr;
    QTimer *m_poll = nullptr;
    QTimer *m_watch = nullptr;
    QTimer *m_stall = nullptr;
    QWebSocket *m_channel = nullptr;
    bool m_channelUp = false;
    int m_channelFailures = 0;
};

} // namespace Relais::Sync

Q_DECLARE_METATYPE(Relais::Protocol::DesksAnswer)
