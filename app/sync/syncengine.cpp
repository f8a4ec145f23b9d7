#include "syncengine.h"
#include "syncengine_p.h"

#include "formats.h"
#include "httpclient.h"
#include "importguard.h"
#include "inbound.h"
#include "messages.h"
#include "outbox.h"
#include "protocol.h"
#include "validation.h"
#include "writepath.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThreadPool>
#include <QTimer>
#if RELAIS_HAVE_WEBSOCKETS
#include <QWebSocket>
#endif

Q_LOGGING_CATEGORY(lcSync, "relais.sync", QtInfoMsg)

namespace Relais::Sync {

namespace {
// Without Qt WebSockets (RELAIS_WITH_WEBSOCKETS=OFF: the Windows build, see docs/windows.md) there
// is no notify channel and the poll timer runs the rounds.
void closeChannel([[maybe_unused]] QWebSocket *channel)
{
#if RELAIS_HAVE_WEBSOCKETS
    if (channel)
        channel->close();
#endif
}
} // namespace

QString stateCode(State s)
{
    switch (s) {
    case State::LocalOnly: return QStringLiteral("local_only");
    case State::Offline: return QStringLiteral("offline");
    case State::Connecting: return QStringLiteral("connecting");
    case State::Sending: return QStringLiteral("sending");
    case State::Receiving: return QStringLiteral("receiving");
    case State::UpToDate: return QStringLiteral("up_to_date");
    case State::NeedsAttention: return QStringLiteral("needs_attention");
    case State::LoginNeeded: return QStringLiteral("login_needed");
    }
    return {};
}

Engine::Engine(QString dbPath, QObject *parent) : QObject(parent), m_dbPath(std::move(dbPath))
{
    m_parsePool = new QThreadPool(this);
    m_parsePool->setMaxThreadCount(1); // pages are read in the order they came
    qRegisterMetaType<Relais::Sync::Overview>();
    qRegisterMetaType<Relais::Sync::Receipt>();
    qRegisterMetaType<Relais::Protocol::DesksAnswer>();
}

Engine::~Engine()
{
    // A page being read posts to this engine when it is done: that must happen before it goes.
    m_parsePool->clear();
    m_parsePool->waitForDone();
    if (m_http)
        m_http->abort(QStringLiteral("engine closed"));
}

bool Engine::open()
{
    if (m_database)
        return true;
    // Through the Store, so that a file the engine is the first to open becomes a desk (its id,
    // its local publisher) exactly as the window or relaisctl would make it.
    auto db = Store::open(m_dbPath);
    if (!db) {
        m_status.state = State::NeedsAttention;
        m_status.message = db.error().message;
        publish();
        return false;
    }
    m_database.emplace(std::move(db).value());
    // The engine writes far more than it reads. Without SQLite's map of the file (1 GiB on the
    // window's connection, for searching), a first copy of 1,000,000 subscribers does not hold the
    // whole file resident in this process: its reads go through the connection's page cache
    // (64 MiB) instead (issue 9: the desk process under 300 MB during a first copy).
    QSqlQuery(m_database->db()).exec(QStringLiteral("PRAGMA mmap_size = 0"));
    // Nor does it need the window's 64 MiB page cache: what it writes goes to the log, and what it
    // reads again is a table's last pages and the indexes' upper levels.
    QSqlQuery(m_database->db()).exec(QStringLiteral("PRAGMA cache_size = -16384"));
    m_deskId = meta("desk_id");
    m_http = new HttpClient(this);
    m_loginHttp = new HttpClient(this);
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &Engine::autoSync);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    connect(m_debounce, &QTimer::timeout, this, &Engine::autoSync);
    m_poll = new QTimer(this);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (!m_channelUp)
            autoSync();
    });
    m_watch = new QTimer(this);
    connect(m_watch, &QTimer::timeout, this, &Engine::watchLocal);
    m_stall = new QTimer(this);
    m_stall->setSingleShot(true);
    connect(m_stall, &QTimer::timeout, this, [this] {
        qCWarning(lcSync) << "no progress for" << m_tuning.stallMs << "ms: round abandoned";
        m_receipt.message = tr("The server made no progress for several minutes; the round was "
                               "abandoned and will be tried again.");
        if (m_http)
            m_http->abort(tr("No progress for several minutes."));
    });
    const QString url = meta(SyncKey::ServerUrl);
    m_server = url.isEmpty() ? QUrl() : QUrl(url);
    m_user = meta(SyncKey::ServerUser);
    m_pushBatch = m_tuning.pushBatch;
    refreshCounts();
    m_status.state = m_server.isValid() && !m_server.isEmpty() ? State::Offline : State::LocalOnly;
    m_status.lastSyncAt = meta(SyncKey::LastSyncAt);
    m_status.serverSeq = toNumber(meta(SyncKey::PullCursor));
    m_status.role = meta("server_role");
    publish();
    return true;
}

QString Engine::meta(const char *key, const QString &fallback)
{
    QSqlQuery q(m_database->db());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(QString::fromLatin1(key));
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

QString Engine::demoRefusal()
{
    // A demo desk holds made-up subscribers that were never queued: sending the rest, or pulling a
    // real publisher's data into it, would mix the two. It stays local; it does not even keep a
    // server's address.
    if (meta("demo") != u"1")
        return {};
    return tr(
        "This is a demo desk: it is never synced with a server. Use a new desk file to work with "
        "the server.");
}

void Engine::setMeta(const char *key, const QString &value)
{
    QSqlQuery q(m_database->db());
    q.prepare(
        QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "value = excluded.value"));
    q.addBindValue(QString::fromLatin1(key));
    q.addBindValue(value.isNull() ? QStringLiteral("") : value); // meta.value is NOT NULL
    if (!q.exec())
        qCWarning(lcSync) << "meta" << key << q.lastError().text();
}

void Engine::configure(const QUrl &server, const QString &user)
{
    if (afterPageWrite([this, server, user] { configure(server, user); }))
        return;
    if (!open())
        return;
    if (const QString refusal = demoRefusal(); !refusal.isEmpty()) {
        m_server = QUrl();
        setState(State::LocalOnly, refusal);
        return;
    }
    const QString url = server.toString(QUrl::StripTrailingSlash);
    if (url != meta(SyncKey::ServerUrl) || user != m_user) {
        m_token.clear();
        m_status.role.clear(); // another server or user: the role is told again at the login
        setMeta("server_role", QString());
    }
    m_server = QUrl(url);
    m_user = user;
    setMeta(SyncKey::ServerUrl, url);
    setMeta(SyncKey::ServerUser, user);
    if (url.isEmpty()) {
        setState(State::LocalOnly);
        return;
    }
    if (m_status.state == State::LocalOnly)
        setState(State::Offline);
}

bool Engine::tokenExpired() const
{
    return m_tokenExpiresAt.isValid() && m_tokenExpiresAt <= QDateTime::currentDateTimeUtc();
}

void Engine::setToken(const QByteArray &token, const QString &expiresAt)
{
    m_token = token;
    m_tokenExpiresAt = QDateTime::fromString(expiresAt, Qt::ISODateWithMs);
    if (!token.isEmpty() && tokenExpired()) {
        m_token.clear();
        setState(State::LoginNeeded,
                 tr("The session has expired: log in again. Work goes on meanwhile; "
                    "changes wait in the queue."));
        return;
    }
    if (!token.isEmpty() && m_status.state == State::LoginNeeded)
        setState(State::Offline);
    if (m_automatic && !token.isEmpty())
        openChannel();
}

void Engine::login(const QString &user, const QString &password)
{
    if (!open())
        return;
    if (const QString refusal = demoRefusal(); !refusal.isEmpty()) {
        Q_EMIT loginFinished(false, refusal);
        return;
    }
    if (m_server.isEmpty()) {
        Q_EMIT loginFinished(false, tr("No server is configured."));
        return;
    }
    m_user = user;
    setMeta(SyncKey::ServerUser, user);
    m_password = password;
    m_paused = false; // logging in is asking for sync
    m_loggingIn = true;
    setState(State::Connecting);
    // On a connection of its own: the clerk may log in while a round's request is on its way.
    request("POST", QStringLiteral("login"),
            QJsonObject{{QStringLiteral("username"), user}, {QStringLiteral("password"), password}},
            [this](const HttpAnswer &a) {
                m_loggingIn = false;
                if (a.status == 200) {
                    auto answer = Protocol::LoginAnswer::fromJson(a.json);
                    if (answer) {
                        m_token = answer->token.toUtf8();
                        m_tokenExpiresAt = QDateTime::fromString(answer->expiresAt,
                                                                 Qt::ISODateWithMs);
                        // Kept for the next start (the stored token comes without it): the window
                        // opens the desks' view to supervisors and admins only.
                        m_status.role = answer->role;
                        setMeta("server_role", answer->role);
                        Q_EMIT tokenIssued(m_token, answer->expiresAt);
                        // A round waiting for this login has started on loginFinished: its state
                        // stands (it used to be overwritten here, and a first copy then read
                        // "Offline" while it received its pages).
                        const bool roundWasRunning = m_running;
                        Q_EMIT loginFinished(true, {});
                        if (!roundWasRunning && !m_running)
                            setState(State::Offline);
                        if (m_automatic) {
                            openChannel();
                            autoSync();
                        }
                        return;
                    }
                }
                QString why;
                if (a.status == 401)
                    why = tr("The server refused this user name and password.");
                else if (a.status == 429)
                    why = tr("Too many failed logins: the server asks to wait %n second(s).",
                             nullptr, qMax(1, a.retryAfterSeconds));
                else if (a.status == 0)
                    why = tr("The server cannot be reached: %1").arg(a.networkError);
                else
                    why = tr("The server answered %1 to the login.").arg(a.status);
                m_password.clear();
                setState(a.status == 0 ? State::Offline : State::LoginNeeded, why);
                Q_EMIT loginFinished(false, why);
            });
}

void Engine::logout()
{
    if (!m_token.isEmpty() && !m_server.isEmpty()) {
        // On a connection of its own: a round may be using the engine's.
        auto *once = new HttpClient(this);
        once->send("POST", QUrl(m_server.toString() + QStringLiteral("/api/v1/logout")),
                   {{"Authorization", "Bearer " + m_token}}, QByteArray(), 5000,
                   [once](const HttpReply &) { once->deleteLater(); });
    }
    m_token.clear();
    m_password.clear();
    closeChannel(m_channel);
    setState(State::LoginNeeded, tr("Logged out. Changes stay queued until the next login."));
}

void Engine::setAutomatic(bool on)
{
    if (!open())
        return;
    m_automatic = on;
    if (on) {
        m_watch->start(m_tuning.watchLocalMs);
        m_poll->start(m_tuning.pollMs);
        openChannel();
        autoSync();
    } else {
        m_watch->stop();
        m_poll->stop();
        m_retryTimer->stop();
        closeChannel(m_channel);
    }
}

void Engine::cancel()
{
    m_paused = true;
    m_retryTimer->stop();
    m_debounce->stop();
    if (m_running)
        m_cancel = true;
}

void Engine::watchLocal()
{
    QSqlQuery q(m_database->db());
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return;
    const qint64 v = q.value(0).toLongLong();
    q.finish();
    if (v == m_lastDataVersion)
        return;
    m_lastDataVersion = v;
    // Another connection (the window, an import, relaisctl) committed: count again, and send.
    refreshCounts();
    publish();
    // Operations an import holds back wait for its end (its last commit starts a round).
    if (m_status.pending > m_heldByImport && !m_server.isEmpty() && !m_retryTimer->isActive())
        m_debounce->start(m_tuning.debounceMs);
}

void Engine::localCommit()
{
    if (!m_automatic || !open() || m_server.isEmpty() || m_token.isEmpty()
        || m_retryTimer->isActive())
        return;
    autoSync();
}

void Engine::autoSync()
{
    // A clerk who pressed Stop gets no round until asked for one (Sync now, or the next start).
    if (m_paused)
        return;
    runRound();
}

void Engine::syncNow()
{
    m_paused = false;
    runRound();
}

void Engine::runRound()
{
    if (!open())
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_retryTimer->stop();
    startRound();
}

void Engine::startRound()
{
    m_receipt = Receipt{};
    ++m_roundSerial;
    m_receipt.startedAt = nowUtcIso();
    m_roundClock.start();
    m_again = false;
    m_cancel = false;
    m_reloggedThisRound = false;
    m_nextPush.reset();
    m_retriedGap = false;
    // An import that died half way is taken back before anything is sent (models/importguard.h).
    if (auto undone = ImportGuard::recover(m_database->db(), m_database->path()); !undone)
        qCWarning(lcSync) << "taking back a stopped import:" << undone.error().fullText();
    refreshCounts();
    if (const QString refusal = demoRefusal(); !refusal.isEmpty()) {
        setState(State::LocalOnly, refusal);
        Receipt r;
        r.outcome = QStringLiteral("error");
        r.message = refusal;
        Q_EMIT roundFinished(r);
        return;
    }
    if (m_server.isEmpty()) {
        setState(State::LocalOnly);
        Receipt r;
        r.outcome = QStringLiteral("error");
        r.message = tr("No server is configured for this desk.");
        Q_EMIT roundFinished(r);
        return;
    }
    m_running = true;
    if (!m_token.isEmpty() && tokenExpired())
        m_token.clear(); // a new login (with the password at hand) rather than a certain 401
    if (m_token.isEmpty()) {
        if (!m_password.isEmpty()) {
            // The round stays running while it waits for the login: a second trigger meanwhile
            // (the stored token arriving, a notify, a commit) asks for another round after this
            // one instead of starting a second round on the same connection.
            loginThen([this] { startRound(); });
            return;
        }
        m_running = false;
        setState(State::LoginNeeded,
                 tr("Log in to send this desk's changes; work goes on meanwhile."));
        m_receipt.outcome = QStringLiteral("login");
        m_receipt.message = m_status.message;
        Q_EMIT roundFinished(m_receipt);
        return;
    }
    setState(State::Connecting);
    if (meta(SyncKey::BootstrapDone) != u"1")
        stepBootstrap();
    else
        stepHandshake();
}

void Engine::loginThen(std::function<void()> next)
{
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(
        this, &Engine::loginFinished, this, [this, conn, next](bool ok, const QString &message) {
            disconnect(*conn);
            if (ok) {
                next();
                return;
            }
            // Through finishRound(): a login asked for in the middle of a round (a 401) must end that
            // round, or m_running stays set and every later syncNow() waits behind it for ever.
            const bool offline = m_status.state == State::Offline;
            finishRound(offline ? QStringLiteral("offline") : QStringLiteral("login"), message);
            if (offline)
                scheduleRetry(-1);
        });
    // A round that starts while the clerk's login is on its way (a local commit, a timer) waits for
    // that answer: a second login would only open a second session.
    if (!m_loggingIn)
        login(m_user, m_password);
}

bool Engine::storageFailed(const Error &e)
{
    qCWarning(lcSync) << "storage:" << e.code << e.message << e.detail;
    m_receipt.message =
        tr("The desk database could not record what the server sent; nothing was lost and "
           "the round will be tried again. (%1)")
            .arg(e.message);
    finishRound(QStringLiteral("error"), m_receipt.message);
    return true;
}

void Engine::fail(const HttpAnswer &a, const QString &what)
{
    QString message;
    if (a.status == 0)
        message = m_receipt.message.isEmpty()
                      ? tr("The server cannot be reached (%1); changes stay queued.")
                            .arg(a.networkError)
                      : m_receipt.message;
    else if (a.status == 429)
        message = tr("The server is busy; changes stay queued.");
    else if (a.status >= 500)
        message = tr("The server failed (%1 %2); changes stay queued.").arg(a.status).arg(a.code());
    else
        message = tr("The server refused %1 (%2 %3).").arg(what).arg(a.status).arg(a.code());
    qCInfo(lcSync) << what << "failed:" << a.status << a.code() << a.networkError
                   << a.json.value(QStringLiteral("detail")).toString()
                   << QJsonDocument(a.json.value(QStringLiteral("issues")).toArray())
                          .toJson(QJsonDocument::Compact);
    const QString outcome = a.status == 0 || a.status == 429 || a.status >= 500
                                ? QStringLiteral("offline")
                                : QStringLiteral("error");
    const int retryAfter = a.retryAfterSeconds;
    auto end = [this, outcome, message, retryAfter] {
        finishRound(outcome, message);
        scheduleRetry(retryAfter);
    };
    // The server answered (a refused or failed push, a busy server): it hears what stays queued
    // here, which is what a supervisor needs to know about a desk whose changes do not get through.
    if (a.status != 0 && a.status != 401)
        return reportThen(end);
    end();
}

void Engine::scheduleRetry(int retryAfterSeconds)
{
    if (m_server.isEmpty())
        return;
    ++m_failures;
    const qint64 exp = qint64(m_tuning.backoffFirstMs) << qMin(m_failures - 1, 20);
    qint64 delay = qMin<qint64>(m_tuning.backoffCapMs, exp);
    // Jitter: desks that lost the server together do not all come back in the same second.
    delay = delay / 2 + QRandomGenerator::global()->bounded(delay / 2 + 1);
    if (retryAfterSeconds > 0)
        delay = qMax<qint64>(delay, qint64(retryAfterSeconds) * 1000);
    m_status.nextAttemptAt = isoUtc(QDateTime::currentDateTimeUtc().addMSecs(delay));
    publish();
    if (m_automatic)
        m_retryTimer->start(int(delay));
}

void Engine::finishRound(const QString &outcome, const QString &message)
{
    m_running = false;
    m_stall->stop();
    dropSnapshotPages();
    if (m_http && m_http->busy()) // a page asked for ahead: its answer belongs to no round now
        m_http->abort(QStringLiteral("round finished"));
    m_status.bootstrapping = false;
    m_status.progressDone = 0;
    m_status.progressTotal = 0;
    refreshCounts();
    m_receipt.outcome = outcome;
    if (!message.isEmpty() && !m_receipt.message.contains(message))
        m_receipt.message = m_receipt.message.isEmpty() ? message
                                                        : m_receipt.message + u' ' + message;
    m_receipt.durationMs = m_roundClock.elapsed();
    if (outcome == u"ok" && (m_status.rejected > 0 || m_status.conflicts > 0))
        m_receipt.outcome = QStringLiteral("attention");
    m_status.lastSyncAt = meta(SyncKey::LastSyncAt);
    const bool atHead = toNumber(meta(SyncKey::PullCursor)) >= toNumber(meta(SyncKey::ServerHead));
    if (m_receipt.outcome == u"attention") {
        setState(State::NeedsAttention,
                 m_receipt.message.isEmpty()
                     ? tr("%n change(s) need a clerk: see the sync panel.", nullptr,
                          int(m_status.rejected + m_status.conflicts))
                     : m_receipt.message);
    } else if (outcome == u"ok") {
        m_status.nextAttemptAt.clear();
        if (m_status.pending == 0 && atHead)
            setState(State::UpToDate, m_receipt.message);
        else
            setState(State::Offline,
                     m_receipt.message); // changes made during the round: next round
    } else if (outcome == u"login") {
        setState(State::LoginNeeded, m_receipt.message);
    } else if (outcome == u"cancelled") {
        setState(State::Offline, m_receipt.message);
    } else {
        setState(State::Offline, m_receipt.message);
    }
    journal(m_receipt);
    Q_EMIT roundFinished(m_receipt);
    if (outcome == u"cancelled") {
        m_again = false; // a clerk stopped it: nothing starts again by itself until asked or timed
    } else if (m_again) {
        // Asked for during this round (a notify message, a save): at once, not after a debounce.
        m_again = false;
        QTimer::singleShot(0, this, &Engine::autoSync);
    } else if (outcome == u"ok" && m_status.pending > m_heldByImport && m_automatic) {
        m_debounce->start(m_tuning.debounceMs);
    }
}

void Engine::journal(const Receipt &r)
{
    QSqlQuery q(m_database->db());
    q.prepare(QStringLiteral(
        "INSERT INTO sync_journal (started_at, finished_at, outcome, pushed, applied, conflicts, "
        "rejected, pulled, server_seq, epoch, duration_ms, message) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         {QVariant(r.startedAt), QVariant(nowUtcIso()), QVariant(r.outcome), QVariant(r.pushed),
          QVariant(r.applied), QVariant(r.conflicts), QVariant(r.rejected), QVariant(r.pulled),
          QVariant(r.serverSeq), QVariant(r.epoch.isNull() ? QStringLiteral("") : r.epoch),
          QVariant(r.durationMs), QVariant(r.message.isNull() ? QStringLiteral("") : r.message)})
        q.addBindValue(v);
    if (!q.exec())
        qCWarning(lcSync) << "journal:" << q.lastError().text();
    // The journal keeps the last 10,000 rounds.
    q.exec(QStringLiteral(
        "DELETE FROM sync_journal WHERE id <= (SELECT max(id) FROM sync_journal) - 10000"));
}

void Engine::refreshCounts()
{
    if (!m_database)
        return;
    const OutboxSummary s = Outbox(m_database->db()).summary();
    m_status.pending = s.pending;
    m_heldByImport = s.heldByImport;
    m_status.rejected = s.rejected;
    m_status.conflicts = s.conflicts;
}

void Engine::setState(State s, const QString &message)
{
    m_status.state = s;
    m_status.message = message;
    publish();
}

void Engine::publish()
{
    Q_EMIT statusChanged(m_status);
}

// ---- the notify channel ------------------------------------------------------------------------

void Engine::openChannel()
{
#if RELAIS_HAVE_WEBSOCKETS
    if (!m_automatic || m_token.isEmpty() || m_server.isEmpty() || m_channelUp)
        return;
    if (!m_channel) {
        m_channel = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(m_channel, &QWebSocket::connected, this, [this] {
            m_channelUp = true;
            m_channelFailures = 0;
        });
        connect(m_channel, &QWebSocket::disconnected, this, [this] {
            m_channelUp = false;
            if (!m_automatic || m_token.isEmpty())
                return;
            // Back again after a pause that grows, and meanwhile the poll timer runs rounds.
            const int delay = qMin(60000, 1000 << qMin(m_channelFailures++, 6));
            QTimer::singleShot(delay, this, &Engine::openChannel);
        });
        connect(m_channel, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            auto message = Protocol::NotifyMessage::fromJson(o);
            if (message && message->type == u"head"
                && message->head > toNumber(meta(SyncKey::PullCursor)))
                autoSync();
        });
    }
    QUrl url = m_server;
    url.setScheme(m_server.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(m_server.path() + QStringLiteral("/api/v1/sync/notify"));
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", "Bearer " + m_token);
    m_channel->open(r);
#endif
}

// ---- what needs a clerk --------------------------------------------------------------------------

void Engine::afterSettle()
{
    // The clerk settled the last conflict or rejection: the status must stop saying "needs
    // attention" now, not at the next round (which may be far off when sync is manual). Up to date
    // only when nothing waits to be sent and the cursor is at the server's head.
    refreshCounts();
    if (m_status.state == State::NeedsAttention && !m_running && m_status.rejected == 0
        && m_status.conflicts == 0) {
        const bool atHead = toNumber(meta(SyncKey::PullCursor))
                            >= toNumber(meta(SyncKey::ServerHead));
        setState(m_status.pending == 0 && atHead ? State::UpToDate : State::Offline);
        return;
    }
    publish();
}

bool Engine::settle(const QString &entity, const std::function<Status()> &write)
{
    Transaction tx(m_database->db());
    Status done = tx.isOpen() ? write() : Status(tx.beginError());
    if (done)
        done = tx.commit();
    if (!done) {
        Q_EMIT settled(false, done.error().message);
        return false;
    }
    // A pulled row that waited for the settled operation (models/inbound.h).
    if (auto deferred = Inbound(m_database->db()).applyDeferred(); !deferred)
        qCWarning(lcSync) << "deferred rows:" << deferred.error().message
                          << deferred.error().detail;
    afterSettle();
    Q_EMIT dataChanged({entity});
    Q_EMIT settled(true, {});
    return true;
}

void Engine::resolveConflict(qint64 conflictId, bool keepMine, const QString &clerk)
{
    if (afterPageWrite(
            [this, conflictId, keepMine, clerk] { resolveConflict(conflictId, keepMine, clerk); }))
        return;
    if (!open())
        return;
    Outbox outbox(m_database->db());
    std::optional<OpenConflict> conflict;
    for (const OpenConflict &c : outbox.openConflicts())
        if (c.id == conflictId)
            conflict = c;
    if (!conflict) {
        Q_EMIT settled(false, tr("There is no open conflict number %1.").arg(conflictId));
        return;
    }
    const bool done = settle(conflict->entity, [&]() -> Status {
        if (Status s = outbox.markResolved(conflictId,
                                           keepMine ? QStringLiteral("mine")
                                                    : QStringLiteral("server"),
                                           clerk);
            !s)
            return s;
        if (!keepMine) {
            // The server's value is this desk's again; nothing to send.
            const QJsonObject row{{conflict->field, Protocol::columnValueToJson(conflict->server)}};
            if (Status s = Inbound(m_database->db())
                               .adoptRow(InboundRow{conflict->entity, conflict->entityId, 0, row});
                !s)
                return s;
            // The sort key follows the name, as the server derives it (Validation::sortKey).
            if (conflict->entity == u"subscriber"
                && QStringList({QStringLiteral("last_name"), QStringLiteral("first_name"),
                                QStringLiteral("company")})
                       .contains(conflict->field)) {
                QSqlQuery q(m_database->db());
                q.prepare(QStringLiteral(
                    "SELECT last_name, first_name, company FROM subscriber WHERE id = ?"));
                q.addBindValue(conflict->entityId);
                if (!q.exec() || !q.next())
                    return storageError(QStringLiteral("subscriber"), q.lastError().text());
                const QString key = Validation::sortKey(q.value(0).toString(),
                                                        q.value(1).toString(),
                                                        q.value(2).toString());
                q.finish();
                q.prepare(QStringLiteral("UPDATE subscriber SET sort_key = ? WHERE id = ?"));
                q.addBindValue(key);
                q.addBindValue(conflict->entityId);
                if (!q.exec())
                    return storageError(QStringLiteral("subscriber"), q.lastError().text());
            }
            return Ok{};
        }
        // The clerk's value goes to the server as a new operation, against the server's value.
        Change change;
        change.kind = Change::Kind::Update;
        change.operation = conflict->entity + QStringLiteral(".resolve");
        change.table = conflict->entity;
        change.id = conflict->entityId;
        change.values = {{conflict->field, conflict->mine}};
        change.base = QVariantMap{{conflict->field, conflict->server}};
        if (auto r = WritePath(m_database->db(), m_deskId, Actor{clerk, ContactChannel::Desk})
                         .apply(change);
            !r)
            return r.error();
        return Ok{};
    });
    if (done && m_automatic)
        m_debounce->start(m_tuning.debounceMs);
}

void Engine::withdrawRejected(qint64 seq, const QString &clerk)
{
    if (afterPageWrite([this, seq, clerk] { withdrawRejected(seq, clerk); }))
        return;
    if (!open())
        return;
    Outbox outbox(m_database->db());
    const auto op = outbox.operation(seq);
    if (!op || op->state != u"rejected") {
        Q_EMIT settled(false, tr("Operation %1 is not a rejected operation.").arg(seq));
        return;
    }
    settle(op->entity, [&]() -> Status {
        if (Status s = outbox.markWithdrawn(seq, clerk); !s)
            return s;
        // An operation on a table this program does not know (queued by a newer or older version)
        // wrote nothing here that could be put back: withdrawing it must still be possible.
        if (!Protocol::tableByName(op->entity))
            return Ok{};
        // The desk goes back to what the server holds: a refused create is removed, a refused
        // update's fields take back the values they replaced.
        QJsonObject row;
        if (op->operation.endsWith(QLatin1StringView(".create")))
            row.insert(QStringLiteral("deleted"), 1);
        else
            for (auto it = op->base.cbegin(); it != op->base.cend(); ++it)
                row.insert(it.key(), Protocol::columnValueToJson(it.value()));
        return Inbound(m_database->db()).adoptRow(InboundRow{op->entity, op->entityId, 0, row});
    });
}

} // namespace Relais::Sync
