// relais-server: the central service. Subcommands create the schema, publishers and users, and
// serve the sync API on a loopback address (nginx in front for anything else, see docs/server.md).
// Exit status as relaisctl: 0 ok, 2 usage, 3 invalid input (each reason on stderr, naming the
// field), 1 any other failure.

#include "apiserver.h"
#include "backupschedule.h"
#include "deskcopy.h"
#include "deskscommand.h"
#include "jsonreader.h"
#include "notifier.h"
#include "passwords.h"
#include "postalcodes.h"
#include "serverlanguage.h"
#include "serverstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTextStream>
#include <QUuid>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Relais;
using namespace Relais::Server;

namespace {

enum Exit { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitInvalid = 3 };

const char kUsage[] =
    "usage: relais-server --db sqlite:FILE | --db postgresql://USER@HOST:PORT/DB COMMAND\n"
    "\n"
    "commands:\n"
    "  init                                   create the schema and a new epoch\n"
    "  serve --listen 127.0.0.1:PORT          serve the API (PORT 0: any free port)\n"
    "        [--token-ttl SECONDS] [--max-body BYTES]\n"
    "        [--login-max-failures N] [--login-max-failures-per-address N]\n"
    "        [--login-lockout SECONDS] [--backup-dir DIR]\n"
    "        [--max-sessions-per-user N] [--notify-recheck SECONDS] [--password-threads N]\n"
    "        [--allow-public]                 listen on an address other than loopback\n"
    "        [--backup-every HOURS [--backup-keep N]]\n"
    "                                         write and verify a backup into --backup-dir every\n"
    "                                         HOURS (0.5: every half hour), keep the N newest "
    "(14)\n"
    "        [--language fr|en]               the language of the messages desks show (fr)\n"
    "  publisher add CODE --name NAME [--id UUID]\n"
    "                                         add a publisher (tenant); --id keeps the identity\n"
    "                                         its desks hold (after a total loss)\n"
    "  user add NAME --role clerk|supervisor|admin --publisher CODE --password-file FILE\n"
    "  user disable NAME                      disable a user and end their sessions\n"
    "  backup --out FILE                      write a backup of the whole database, read it back\n"
    "                                         and verify it\n"
    "  backups                                list the backups written, and whether verified\n"
    "  verify FILE [--json]                   check a backup on its own: its checksums, the "
    "SHA-256\n"
    "                                         recorded when written, a restore into a scratch "
    "store\n"
    "  restore FILE [--publisher CODE] [--number-gap N]\n"
    "                                         put the publishers of a verified backup back (all,\n"
    "                                         or one) and start a new epoch; a publisher created\n"
    "                                         by the restore skips N subscriber numbers (10000)\n"
    "  reseed FILE --publisher CODE           fill an empty publisher from a desk's full copy\n"
    "                                         (relaisctl desk-copy)\n"
    "  checksums --publisher CODE [--json]    the per-table checksums of a publisher's rows, to\n"
    "                                         compare with a desk's (relaisctl check --sync)\n"
    "  desks [--publisher CODE] [--json]      every desk as the server last heard of it (last "
    "push\n"
    "                                         and pull, queue, epoch, numbers, clock); exit 4 "
    "when\n"
    "                                         one is late (changes queued before the last "
    "cut-off)\n"
    "\n"
    "The PostgreSQL password comes from PGPASSWORD or ~/.pgpass.\n";

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int usage(const QString &why)
{
    if (!why.isEmpty())
        err() << "relais-server: " << why << "\n";
    err() << kUsage;
    err().flush();
    return ExitUsage;
}

int fail(const Error &e)
{
    if (e.kind == ErrorKind::Invalid) {
        for (const Issue &i : e.issues)
            err() << "relais-server: " << i.field << ": " << i.message << "\n";
        if (e.issues.isEmpty())
            err() << "relais-server: " << e.message << "\n";
        err().flush();
        return ExitInvalid;
    }
    err() << "relais-server: " << e.message << "\n";
    err().flush();
    return ExitFailure;
}

int invalid(const QString &field, const QString &message)
{
    return fail(Error::invalid({Issue{field, QStringLiteral("invalid"), message}}));
}

struct Args
{
    QString db;
    QStringList positional;
    QHash<QString, QString> options;
};

// Options take one value ("--name X" or "--name=X"); --help is handled before.
std::optional<Args> parseArgs(const QStringList &argv, QString &why)
{
    static const QSet<QString> known = {QStringLiteral("db"),
                                        QStringLiteral("listen"),
                                        QStringLiteral("name"),
                                        QStringLiteral("role"),
                                        QStringLiteral("publisher"),
                                        QStringLiteral("password-file"),
                                        QStringLiteral("token-ttl"),
                                        QStringLiteral("max-body"),
                                        QStringLiteral("login-max-failures"),
                                        QStringLiteral("login-max-failures-per-address"),
                                        QStringLiteral("login-lockout"),
                                        QStringLiteral("backup-dir"),
                                        QStringLiteral("out"),
                                        QStringLiteral("number-gap"),
                                        QStringLiteral("json"),
                                        QStringLiteral("max-sessions-per-user"),
                                        QStringLiteral("notify-recheck"),
                                        QStringLiteral("allow-public"),
                                        QStringLiteral("password-threads"),
                                        QStringLiteral("id"),
                                        QStringLiteral("backup-every"),
                                        QStringLiteral("backup-keep"),
                                        QStringLiteral("language")};
    // Options without a value.
    static const QSet<QString> flags = {QStringLiteral("json"), QStringLiteral("allow-public")};
    Args a;
    for (int i = 1; i < argv.size(); ++i) {
        const QString &arg = argv.at(i);
        if (!arg.startsWith(QLatin1StringView("--"))) {
            a.positional << arg;
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        if (flags.contains(name)) {
            // no value
        } else if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        } else if (i + 1 < argv.size()) {
            value = argv.at(++i);
        } else {
            why = QStringLiteral("option --%1 needs a value").arg(name);
            return std::nullopt;
        }
        if (!known.contains(name)) {
            why = QStringLiteral("unknown option --%1").arg(name);
            return std::nullopt;
        }
        if (a.options.contains(name)) {
            why = QStringLiteral("option --%1 given twice").arg(name);
            return std::nullopt;
        }
        a.options.insert(name, value);
    }
    a.db = a.options.take(QStringLiteral("db"));
    return a;
}

bool allowedOptions(const Args &a, const QStringList &allowed, QString &why)
{
    for (auto it = a.options.cbegin(); it != a.options.cend(); ++it)
        if (!allowed.contains(it.key())) {
            why = QStringLiteral("option --%1 does not apply to this command").arg(it.key());
            return false;
        }
    return true;
}

std::optional<int> intOption(const Args &a, const char *name, int fallback, int min, int max,
                             int *exitCode)
{
    const QString key = QString::fromLatin1(name);
    if (!a.options.contains(key))
        return fallback;
    bool ok = false;
    const qint64 v = a.options.value(key).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *exitCode = invalid(key, QStringLiteral("a whole number from %1 to %2").arg(min).arg(max));
        return std::nullopt;
    }
    return int(v);
}

// SIGTERM/SIGINT end the event loop cleanly (a handler may only write to a pipe).
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

int serve(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a,
                        {QStringLiteral("listen"), QStringLiteral("token-ttl"),
                         QStringLiteral("max-body"), QStringLiteral("login-max-failures"),
                         QStringLiteral("login-max-failures-per-address"),
                         QStringLiteral("login-lockout"), QStringLiteral("backup-dir"),
                         QStringLiteral("max-sessions-per-user"), QStringLiteral("notify-recheck"),
                         QStringLiteral("allow-public"), QStringLiteral("password-threads"),
                         QStringLiteral("backup-every"), QStringLiteral("backup-keep"),
                         QStringLiteral("language")},
                        why))
        return usage(why);
    // French first: the refusals and problems a desk shows its clerk are written here.
    if (!installLanguage(a.options.value(QStringLiteral("language"), QStringLiteral("fr")), why))
        return invalid(QStringLiteral("language"), why);
    // The postal code reference (about 39,000 lines) is read now, not by the first push that checks
    // an address.
    (void)PostalCodeDirectory::instance();
    const QString listen = a.options.value(QStringLiteral("listen"),
                                           QStringLiteral("127.0.0.1:8080"));
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const int port = listen.mid(colon + 1).toInt(&portOk);
    const QHostAddress address(listen.left(colon));
    if (colon <= 0 || !portOk || port < 0 || port > 65535 || address.isNull())
        return invalid(QStringLiteral("listen"),
                       QStringLiteral("expected ADDRESS:PORT, e.g. 127.0.0.1:8080"));
    // Qt HttpServer has no TLS, body limit or timeouts worth exposing: nginx belongs in front.
    if (!address.isLoopback() && !a.options.contains(QStringLiteral("allow-public")))
        return invalid(
            QStringLiteral("listen"),
            QStringLiteral(
                "%1 is not a loopback address; relais-server has no TLS, body limit or timeouts "
                "of its own, so it listens on 127.0.0.1 behind nginx (docs/server.md). Add "
                "--allow-public to listen there anyway.")
                .arg(listen.left(colon)));
    int code = 0;
    ServerConfig config;
    const auto ttl = intOption(a, "token-ttl", config.tokenTtlSeconds, 1, 30 * 86400, &code);
    const auto maxBody = intOption(a, "max-body", int(config.maxBodyBytes), 1024,
                                   1024 * 1024 * 1024, &code);
    const auto failures = intOption(a, "login-max-failures", config.loginMaxFailures, 1, 1000,
                                    &code);
    const auto perAddress = intOption(a, "login-max-failures-per-address",
                                      config.loginMaxFailuresPerAddress, 1, 100000, &code);
    const auto lockout = intOption(a, "login-lockout", config.loginLockoutSeconds, 1, 86400, &code);
    const auto sessions = intOption(a, "max-sessions-per-user", config.maxSessionsPerUser, 1, 10000,
                                    &code);
    const auto recheck = intOption(a, "notify-recheck", config.channel.recheckSeconds, 1, 3600,
                                   &code);
    const auto threads = intOption(a, "password-threads", config.passwordThreads, 0, 16, &code);
    if (!ttl || !maxBody || !failures || !perAddress || !lockout || !sessions || !recheck
        || !threads)
        return code;
    config.passwordThreads = *threads;
    config.maxSessionsPerUser = *sessions;
    config.channel.recheckSeconds = *recheck;
    config.loginMaxFailuresPerAddress = *perAddress;
    config.tokenTtlSeconds = *ttl;
    config.maxBodyBytes = *maxBody;
    config.loginMaxFailures = *failures;
    config.loginLockoutSeconds = *lockout;
    if (a.options.contains(QStringLiteral("backup-dir"))) {
        const QFileInfo dir(a.options.value(QStringLiteral("backup-dir")));
        if (!dir.isDir() || !dir.isWritable())
            return invalid(QStringLiteral("backup-dir"),
                           QStringLiteral("%1 is not a writable directory").arg(dir.filePath()));
        config.backupDir = dir.absoluteFilePath();
    }
    // Backups on a schedule: every HOURS (a decimal: 0.5 is every half hour), the N newest kept.
    std::unique_ptr<BackupSchedule> schedule;
    if (a.options.contains(QStringLiteral("backup-every"))) {
        bool okHours = false;
        const double hours = a.options.value(QStringLiteral("backup-every")).toDouble(&okHours);
        if (!okHours || hours <= 0 || hours > 24 * 31)
            return invalid(QStringLiteral("backup-every"),
                           QStringLiteral("a number of hours, more than 0 (0.5: every half hour)"));
        if (config.backupDir.isEmpty())
            return invalid(QStringLiteral("backup-every"),
                           QStringLiteral("needs --backup-dir, where the backups go"));
        const auto keep = intOption(a, "backup-keep", 14, 1, 10000, &code);
        if (!keep)
            return code;
        schedule = std::make_unique<BackupSchedule>(a.db, config.backupDir,
                                                    qint64(hours * 3600.0 * 1000.0), *keep);
    } else if (a.options.contains(QStringLiteral("backup-keep"))) {
        return invalid(QStringLiteral("backup-keep"), QStringLiteral("goes with --backup-every"));
    }

    if (!store.isInitialized())
        return fail(
            Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                        QStringLiteral("the database has no Relais schema: run init first")));
    auto notifier = Notifier::forDatabase(a.db);
    if (!notifier)
        return fail(notifier.error());
    ApiServer api(store, **notifier, config);
    auto *tcp = new NoDelayTcpServer(&api);
    if (!tcp->listen(address, quint16(port)))
        return fail(
            Error::make(ErrorKind::Io, QStringLiteral("listen"),
                        QStringLiteral("cannot listen on %1: %2").arg(listen, tcp->errorString())));
    api.bind(tcp);
    if (!address.isLoopback())
        err() << "relais-server: warning: listening on " << listen
              << ", not on loopback; Qt HttpServer has no TLS, body limit or timeouts of its own: "
                 "put nginx in front (docs/server.md)\n"
              << Qt::flush;

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto *sn = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &api);
        QObject::connect(sn, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    if (schedule)
        schedule->start();
    QTextStream out(stdout);
    out << "listening on " << tcp->serverAddress().toString() << ':' << tcp->serverPort()
        << Qt::endl;
    const int status = QCoreApplication::exec();
    schedule.reset(); // waits for a backup under way
    return status == 0 ? ExitOk : ExitFailure;
}

int userAdd(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a,
                        {QStringLiteral("role"), QStringLiteral("publisher"),
                         QStringLiteral("password-file")},
                        why))
        return usage(why);
    if (a.positional.size() != 3)
        return usage(QStringLiteral("user add takes one NAME"));
    for (const char *required : {"role", "publisher", "password-file"})
        if (!a.options.contains(QString::fromLatin1(required)))
            return usage(QStringLiteral("user add needs --%1").arg(QString::fromLatin1(required)));
    Issues issues;
    const QString name = a.positional.at(2).trimmed();
    if (name.isEmpty() || name.size() > 64 || name.contains(u' ') || name.contains(u':'))
        issues << Issue{QStringLiteral("name"), QStringLiteral("name.format"),
                        QStringLiteral("a user name has 1 to 64 characters, no spaces or colons")};
    const auto role = roleFromCode(a.options.value(QStringLiteral("role")));
    if (!role)
        issues << Issue{QStringLiteral("role"), QStringLiteral("role.unknown"),
                        QStringLiteral("one of clerk, supervisor, admin")};
    QFile f(a.options.value(QStringLiteral("password-file")));
    QString password;
    if (!f.open(QIODevice::ReadOnly)) {
        issues << Issue{QStringLiteral("password-file"), QStringLiteral("file.unreadable"),
                        QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString())};
    } else {
        // The first line is the password; its line ending is not part of it.
        password = QString::fromUtf8(f.readLine(4096));
        while (password.endsWith(u'\n') || password.endsWith(u'\r'))
            password.chop(1);
        issues << Auth::checkNewPassword(password);
    }
    if (!issues.isEmpty())
        return fail(Error::invalid(issues));
    auto hash = Auth::hashPassword(password);
    if (!hash)
        return fail(hash.error());
    auto user = store.addUser(name, *role, a.options.value(QStringLiteral("publisher")), *hash);
    if (!user)
        return fail(user.error());
    QTextStream(stdout) << "user " << user->name << " (" << roleCode(user->role) << ") added to "
                        << user->publisher.code << Qt::endl;
    return ExitOk;
}

int backupCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {QStringLiteral("out")}, why))
        return usage(why);
    if (a.positional.size() != 1 || !a.options.contains(QStringLiteral("out")))
        return usage(QStringLiteral("backup --out FILE"));
    auto b = store.backup(a.options.value(QStringLiteral("out")),
                          QStringLiteral("relais-server backup"));
    if (!b)
        return fail(b.error());
    QTextStream(stdout) << "backup " << b->path << ": " << b->rows << " rows, " << b->bytes
                        << " bytes, head " << b->head << ", epoch " << b->epoch << ", sha256 "
                        << b->sha256 << ", verified " << b->verifiedAt << Qt::endl;
    return ExitOk;
}

int backupsCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {}, why) || a.positional.size() != 1)
        return usage(why.isEmpty() ? QStringLiteral("backups takes no arguments") : why);
    auto list = store.backups();
    if (!list)
        return fail(list.error());
    QTextStream out(stdout);
    for (const BackupInfo &b : *list)
        out << b.createdAt << '\t' << b.name << '\t' << b.rows << " rows\thead " << b.head << '\t'
            << (b.verifiedAt.isEmpty() ? QStringLiteral("NOT VERIFIED")
                                       : QStringLiteral("verified ") + b.verifiedAt)
            << '\t' << b.path << '\n';
    out.flush();
    return ExitOk;
}

int verifyCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {QStringLiteral("json")}, why))
        return usage(why);
    if (a.positional.size() != 2)
        return usage(QStringLiteral("verify FILE [--json]"));
    auto check = store.verifyBackup(a.positional.at(1));
    if (!check)
        return fail(check.error());
    QTextStream out(stdout);
    if (a.options.contains(QStringLiteral("json"))) {
        QJsonObject tables;
        for (auto it = check->tableRows.cbegin(); it != check->tableRows.cend(); ++it)
            tables.insert(it.key(), it.value());
        QJsonObject sums;
        for (const auto &[code, answer] : check->checksums)
            sums.insert(code, answer.toJson());
        out << QJsonDocument(QJsonObject{{QStringLiteral("file"), a.positional.at(1)},
                                         {QStringLiteral("ok"), true},
                                         {QStringLiteral("sha256"), check->sha256},
                                         {QStringLiteral("recorded_sha256"), check->recordedSha256},
                                         {QStringLiteral("epoch"), check->epoch},
                                         {QStringLiteral("head"), check->head},
                                         {QStringLiteral("rows"), check->rows},
                                         {QStringLiteral("tables"), tables},
                                         {QStringLiteral("checksums"), sums}})
                   .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << "backup " << a.positional.at(1) << ": OK\n"
        << "  every table matches its checksum; " << check->rows << " rows, epoch " << check->epoch
        << ", head " << check->head << "\n"
        << "  sha256 " << check->sha256
        << (check->recordedSha256.isEmpty()
                ? QStringLiteral(" (not written by this server: nothing recorded to compare)")
                : QStringLiteral(" (as recorded when written, ") + check->recordedAt + u')')
        << "\n  restored into a scratch store: every row there ("
        << check->publishers.join(QStringLiteral(", ")) << ")\n";
    for (const auto &[code, answer] : check->checksums) {
        out << "  checksums of " << code << ":\n";
        for (const Protocol::TableSum &t : answer.tables)
            out << "    " << t.table.leftJustified(16) << QString::number(t.rows).rightJustified(10)
                << "  " << t.sha256 << '\n';
    }
    out.flush();
    return ExitOk;
}

int checksumsCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {QStringLiteral("publisher"), QStringLiteral("json")}, why))
        return usage(why);
    if (a.positional.size() != 1 || !a.options.contains(QStringLiteral("publisher")))
        return usage(QStringLiteral("checksums --publisher CODE [--json]"));
    const QString code = a.options.value(QStringLiteral("publisher")).trimmed().toUpper();
    auto publisher = store.publisherByCode(code);
    if (!publisher)
        return fail(publisher.error());
    if (!*publisher)
        return invalid(QStringLiteral("publisher"), QStringLiteral("no publisher %1").arg(code));
    auto sums = store.checksums((*publisher)->id);
    if (!sums)
        return fail(sums.error());
    QTextStream out(stdout);
    if (a.options.contains(QStringLiteral("json"))) {
        out << QJsonDocument(sums->toJson()).toJson(QJsonDocument::Indented);
    } else {
        out << "publisher " << (*publisher)->code << ", epoch " << sums->epoch << ", head "
            << sums->head << '\n';
        for (const Protocol::TableSum &t : sums->tables)
            out << t.table.leftJustified(16) << QString::number(t.rows).rightJustified(10) << "  "
                << t.sha256 << '\n';
    }
    out.flush();
    return ExitOk;
}

int restoreCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {QStringLiteral("publisher"), QStringLiteral("number-gap")}, why))
        return usage(why);
    if (a.positional.size() != 2)
        return usage(QStringLiteral("restore FILE [--publisher CODE] [--number-gap N]"));
    int code = 0;
    const auto gap = intOption(a, "number-gap", 10000, 0, 100000000, &code);
    if (!gap)
        return code;
    QStringList codes;
    if (a.options.contains(QStringLiteral("publisher")))
        codes << a.options.value(QStringLiteral("publisher")).trimmed().toUpper();
    auto out = store.restore(a.positional.at(1), codes, *gap,
                             QStringLiteral("relais-server restore"));
    if (!out)
        return fail(out.error());
    // On PostgreSQL the serving processes hear of it (LISTEN/NOTIFY) and tell their desks at once;
    // on SQLite desks find the new epoch at their next poll.
    // Each publisher's desks hear of their publisher's head, not the global one.
    if (auto notifier = Notifier::forDatabase(a.db))
        for (const QString &publisher : out->publisherIds)
            if (auto head = store.publisherHead(publisher))
                (*notifier)->committed(publisher, *head);
    QTextStream(stdout) << "restored " << out->publishers.join(QStringLiteral(", ")) << " from "
                        << a.positional.at(1) << " (backup head " << out->backupHead
                        << "): " << out->rows << " rows, " << out->announced
                        << " changes announced to desks, head " << out->head << ", new epoch "
                        << out->epoch << Qt::endl;
    return ExitOk;
}

// A desk's full copy (relaisctl desk-copy) into an empty publisher, in chunks that each commit on
// their own; running it again after a failure goes on where it stopped.
int reseedCommand(ServerStore &store, const Args &a)
{
    QString why;
    if (!allowedOptions(a, {QStringLiteral("publisher")}, why))
        return usage(why);
    if (a.positional.size() != 2 || !a.options.contains(QStringLiteral("publisher")))
        return usage(QStringLiteral("reseed FILE --publisher CODE"));
    const QString path = a.positional.at(1);
    auto publisher = store.publisherByCode(
        a.options.value(QStringLiteral("publisher")).trimmed().toUpper());
    if (!publisher)
        return fail(publisher.error());
    if (!publisher->has_value())
        return invalid(QStringLiteral("publisher"), QStringLiteral("no publisher has this code"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("file"),
                       QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    constexpr int Chunk = 5000;
    // Two passes: the first checks the whole file (every row, and the trailer that proves it is
    // complete), so that a damaged copy writes nothing.
    QString deskId;
    qint64 deskLastSeq = -1;
    for (int pass = 0; pass < 2; ++pass) {
        file.seek(0);
        int chunkIndex = 0;
        qint64 created = 0, repeated = 0;
        const auto send = [&](const QJsonArray &chunk, qint64 firstLineOfChunk,
                              bool final) -> Status {
            Issues issues;
            ImportRequest req;
            req.rows = readImportRows(chunk, QStringLiteral("rows"), int(firstLineOfChunk),
                                      &issues);
            if (!issues.isEmpty()) {
                for (Issue &i : issues)
                    i.field = QStringLiteral("%1, line %2: %3")
                                  .arg(path)
                                  .arg(firstLineOfChunk)
                                  .arg(i.field);
                return Error::invalid(issues);
            }
            if (pass == 0)
                return Ok{};
            req.importId = QUuid::createUuidV5(QUuid(deskId),
                                               QStringLiteral("reseed/%1").arg(chunkIndex++))
                               .toString(QUuid::WithoutBraces);
            req.reseedDeskId = deskId;
            req.reseedDeskLastSeq = deskLastSeq;
            req.reseedFinal = final;
            auto out = store.importRows(Caller{QStringLiteral("reseed"), Role::Admin,
                                               (*publisher)->id},
                                        req);
            if (!out)
                return out.error();
            if (!out->refused.isEmpty()) {
                Issues refused;
                for (const auto &[l, r] : out->refused)
                    for (const Issue &i : r.issues.isEmpty()
                                              ? Issues{Issue{QString(), r.code, r.message}}
                                              : r.issues)
                        refused << Issue{
                            QStringLiteral("%1, line %2, %3").arg(path).arg(l).arg(i.field), i.rule,
                            i.message};
                return Error::invalid(refused);
            }
            created += out->created;
            repeated += out->repeated;
            return Ok{};
        };
        auto read = readDeskCopy(file, path, Chunk, send);
        if (!read)
            return fail(read.error());
        deskId = read->deskId;
        deskLastSeq = read->deskLastSeq;
        if (pass == 1)
            QTextStream(stdout) << "reseeded " << (*publisher)->code << " from desk " << deskId
                                << ": " << created << " rows created, " << repeated
                                << " already there; the desk's operations up to " << deskLastSeq
                                << " count as applied" << Qt::endl;
    }
    return ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relais-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));
    qSetMessagePattern(QStringLiteral("%{if-category}%{category}: %{endif}%{message}"));

    const QStringList argv0 = QCoreApplication::arguments();
    if (argv0.contains(QStringLiteral("--help")) || argv0.contains(QStringLiteral("-h"))) {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    if (argv0.contains(QStringLiteral("--version"))) {
        QTextStream(stdout) << "relais-server " << QCoreApplication::applicationVersion()
                            << Qt::endl;
        return ExitOk;
    }
    QString why;
    auto args = parseArgs(argv0, why);
    if (!args)
        return usage(why);
    if (args->positional.isEmpty())
        return usage(QStringLiteral("no command given"));
    if (args->db.isEmpty())
        return usage(QStringLiteral("--db is required"));
    if (!Auth::initialize())
        return fail(Error::make(ErrorKind::Internal, QStringLiteral("sodium"),
                                QStringLiteral("libsodium failed to start")));

    const QString command = args->positional.first();
    const QString sub = args->positional.value(1);
    const bool known = command == u"init" || command == u"serve"
                       || (command == u"publisher" && sub == u"add")
                       || (command == u"user" && (sub == u"add" || sub == u"disable"))
                       || command == u"backup" || command == u"backups" || command == u"restore"
                       || command == u"reseed" || command == u"checksums" || command == u"desks"
                       || command == u"verify";
    if (!known)
        return usage(QStringLiteral("unknown command: ") + args->positional.join(u' '));

    auto store = ServerStore::open(args->db);
    if (!store)
        return fail(store.error());
    ServerStore &s = **store;

    if (command == u"init") {
        if (args->positional.size() != 1 || !allowedOptions(*args, {}, why))
            return usage(why.isEmpty() ? QStringLiteral("init takes no arguments") : why);
        if (Status st = s.init(); !st)
            return fail(st.error());
        auto epoch = s.epoch();
        if (!epoch)
            return fail(epoch.error());
        QTextStream(stdout) << "initialized " << s.engine() << " database, epoch " << *epoch
                            << Qt::endl;
        return ExitOk;
    }
    if (!s.isInitialized())
        return fail(
            Error::make(ErrorKind::Storage, QStringLiteral("store.uninitialized"),
                        QStringLiteral("the database has no Relais schema: run init first")));
    if (command == u"serve") {
        if (args->positional.size() != 1)
            return usage(QStringLiteral("serve takes no arguments"));
        return serve(s, *args);
    }
    if (command == u"backup")
        return backupCommand(s, *args);
    if (command == u"backups")
        return backupsCommand(s, *args);
    if (command == u"restore")
        return restoreCommand(s, *args);
    if (command == u"reseed")
        return reseedCommand(s, *args);
    if (command == u"checksums")
        return checksumsCommand(s, *args);
    if (command == u"desks") {
        if (!allowedOptions(*args, {QStringLiteral("publisher"), QStringLiteral("json")}, why)
            || args->positional.size() != 1)
            return usage(why.isEmpty() ? QStringLiteral("desks [--publisher CODE] [--json]") : why);
        QString publisherId; // empty: every publisher
        if (args->options.contains(QStringLiteral("publisher"))) {
            const QString
                code = args->options.value(QStringLiteral("publisher")).trimmed().toUpper();
            auto publisher = s.publisherByCode(code);
            if (!publisher)
                return fail(publisher.error());
            if (!*publisher)
                return invalid(QStringLiteral("publisher"),
                               QStringLiteral("no publisher %1").arg(code));
            publisherId = (*publisher)->id;
        }
        auto list = s.desks(publisherId, QDateTime::currentDateTimeUtc());
        if (!list)
            return fail(list.error());
        QTextStream out(stdout);
        return printDesks(*list, args->options.contains(QStringLiteral("json")), out) > 0 ? 4
                                                                                          : ExitOk;
    }
    if (command == u"verify")
        return verifyCommand(s, *args);
    if (command == u"publisher") {
        if (!allowedOptions(*args, {QStringLiteral("name"), QStringLiteral("id")}, why))
            return usage(why);
        if (args->positional.size() != 3 || !args->options.contains(QStringLiteral("name")))
            return usage(QStringLiteral("publisher add CODE --name NAME [--id UUID]"));
        const QString code = args->positional.at(2).trimmed().toUpper();
        const QString name = args->options.value(QStringLiteral("name")).trimmed();
        const QString id = args->options.value(QStringLiteral("id")).trimmed().toLower();
        Issues issues;
        if (args->options.contains(QStringLiteral("id")) && !Protocol::isUuid(id))
            issues << Issue{QStringLiteral("id"), QStringLiteral("id.format"),
                            QStringLiteral(
                                "--id takes the publisher's UUID, as its desks hold it")};
        if (code.isEmpty() || code.size() > 16)
            issues << Issue{QStringLiteral("code"), QStringLiteral("code.format"),
                            QStringLiteral("a publisher code has 1 to 16 characters")};
        if (name.isEmpty() || name.size() > 200)
            issues << Issue{QStringLiteral("name"), QStringLiteral("name.required"),
                            QStringLiteral("a publisher needs a name (at most 200 characters)")};
        if (!issues.isEmpty())
            return fail(Error::invalid(issues));
        auto p = s.addPublisher(code, name, id);
        if (!p) {
            Error e = p.error();
            if (e.kind == ErrorKind::Conflict)
                e = Error::invalid({Issue{QStringLiteral("code"), e.code, e.message}});
            return fail(e);
        }
        QTextStream(stdout) << "publisher " << p->code << " added (" << p->id << ")" << Qt::endl;
        return ExitOk;
    }
    if (sub == u"add")
        return userAdd(s, *args);
    // user disable NAME
    if (!allowedOptions(*args, {}, why))
        return usage(why);
    if (args->positional.size() != 3)
        return usage(QStringLiteral("user disable NAME"));
    if (Status st = s.disableUser(args->positional.at(2), QString()); !st)
        return fail(st.error());
    QTextStream(stdout) << "user " << args->positional.at(2) << " disabled" << Qt::endl;
    return ExitOk;
}
