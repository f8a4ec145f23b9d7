// relaisctl backup, verify, restore, backups: the desk's own backups (models/deskbackup.h); and
// reseed: the desk's full copy sent to an empty publisher over the network (POST admin/reseed).

#include "cli.h"
#include "deskbackup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>

namespace Relais::Cli {
namespace {

QJsonObject manifestJson(const DeskBackup::Manifest &m, const QString &file)
{
    QJsonObject o = m.toJson();
    o.insert(QStringLiteral("file"), QFileInfo(file).absoluteFilePath());
    return o;
}

void printManifest(Context &ctx, const DeskBackup::Manifest &m)
{
    ctx.out() << "desk " << m.deskId << " (" << m.deskName << "), schema version "
              << m.schemaVersion << ", taken " << m.createdAt << ", verified " << m.verifiedAt
              << '\n'
              << "  " << m.bytes << " bytes, sha256 " << m.sha256 << '\n'
              << "  operations: last desk number " << m.deskSeq << ", " << m.pendingOperations
              << " queued; pull cursor " << m.pullCursor << '\n';
    for (const DeskBackup::TableRows &t : m.counts)
        ctx.out() << "  " << t.table.leftJustified(16) << t.rows << '\n';
}

// Progress on stderr for files worth waiting for; never in --json or --quiet runs.
bool g_progressShown = false;

DeskBackup::Progress progressFor(Context &ctx, bool quiet, const char *what)
{
    if (quiet || !stderrIsTerminal())
        return {};
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [&ctx, timer, what](qint64 done, qint64 total) {
        if (timer->elapsed() > 1000 && total > 0) {
            g_progressShown = true;
            ctx.err() << '\r' << what << ' ' << (100 * done / total) << " %";
            ctx.err().flush();
        }
        return true;
    };
}

void endProgress(Context &ctx, bool quiet)
{
    if (!quiet && g_progressShown) {
        ctx.err() << "\r                    \r";
        ctx.err().flush();
    }
}

int runBackup(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        valueOption(QStringLiteral("out"),
                    QStringLiteral(
                        "Write the backup to FILE (and FILE.json, its manifest). "
                        "Without it: an automatic backup into the backups folder, rotated."),
                    QStringLiteral("FILE")));
    p.addOption(
        valueOption(QStringLiteral("folder"),
                    QStringLiteral("Backups folder (default: 'backups' beside the desk file)."),
                    QStringLiteral("DIR")));
    p.addOption(
        valueOption(QStringLiteral("copy-to"),
                    QStringLiteral(
                        "Also copy the backup to this second folder (a share, a USB disk)."),
                    QStringLiteral("DIR")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(
        QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Back up the desk while it is in use (SQLite's online "
                                         "backup), then verify the copy.")))
        return *stop;
    if (!QFileInfo(ctx.dbPath).isFile())
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("backup.no_desk"),
                                    QStringLiteral("There is no desk database at %1.")
                                        .arg(QDir::toNativeSeparators(ctx.dbPath))));
    const bool json = p.isSet(QStringLiteral("json"));
    const bool quiet = json || p.isSet(QStringLiteral("quiet"));
    const auto progress = progressFor(ctx, quiet, "backup");
    if (p.isSet(QStringLiteral("out"))) {
        if (p.isSet(QStringLiteral("folder")))
            return ctx.usageError(QStringLiteral("--out and --folder exclude each other"));
        const QString out = p.value(QStringLiteral("out"));
        auto m = DeskBackup::backup(ctx.dbPath, out, QStringLiteral("manual"), progress);
        endProgress(ctx, quiet);
        if (!m)
            return ctx.fail(m.error());
        QString copyProblem;
        if (p.isSet(QStringLiteral("copy-to"))) {
            const QString dir = p.value(QStringLiteral("copy-to"));
            const QString target = QDir(dir).filePath(QFileInfo(out).fileName());
            if (!QDir().mkpath(dir) || !(QFile::remove(target), QFile::copy(out, target))
                || !(QFile::remove(DeskBackup::manifestPath(target)),
                     QFile::copy(DeskBackup::manifestPath(out), DeskBackup::manifestPath(target)))
                || !DeskBackup::verify(target))
                copyProblem = QStringLiteral("the copy to %1 failed")
                                  .arg(QDir::toNativeSeparators(dir));
        }
        if (json) {
            QJsonObject o = manifestJson(*m, out);
            if (!copyProblem.isEmpty())
                o.insert(QStringLiteral("copy_problem"), copyProblem);
            printJson(ctx, o);
        } else {
            ctx.out() << "backup " << QDir::toNativeSeparators(out) << " verified\n";
            printManifest(ctx, *m);
            ctx.out().flush();
        }
        if (!copyProblem.isEmpty()) {
            ctx.err() << "relaisctl backup: " << copyProblem << '\n';
            return ExitFailure;
        }
        return ExitOk;
    }
    const QString folder = p.isSet(QStringLiteral("folder"))
                               ? p.value(QStringLiteral("folder"))
                               : DeskBackup::defaultFolder(ctx.dbPath);
    auto r = DeskBackup::automatic(ctx.dbPath, folder, QStringLiteral("daily"),
                                   p.value(QStringLiteral("copy-to")), progress);
    endProgress(ctx, quiet);
    if (!r)
        return ctx.fail(r.error());
    if (json) {
        QJsonObject o = manifestJson(r->manifest, r->file);
        o.insert(QStringLiteral("removed"), QJsonArray::fromStringList(r->removed));
        o.insert(QStringLiteral("copied_to"), r->copiedTo);
        if (!r->copyProblem.isEmpty())
            o.insert(QStringLiteral("copy_problem"), r->copyProblem);
        printJson(ctx, o);
    } else {
        ctx.out() << "backup " << QDir::toNativeSeparators(r->file) << " verified\n";
        printManifest(ctx, r->manifest);
        for (const QString &removed : std::as_const(r->removed))
            ctx.out() << "rotation removed " << QDir::toNativeSeparators(removed) << '\n';
        if (!r->copiedTo.isEmpty())
            ctx.out() << "copied to " << QDir::toNativeSeparators(r->copiedTo) << '\n';
        ctx.out().flush();
    }
    if (!r->copyProblem.isEmpty()) {
        ctx.err() << "relaisctl backup: the backup is good, but its second copy failed: "
                  << r->copyProblem << '\n';
        return ExitFailure;
    }
    return ExitOk;
}

int runVerify(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(
        QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Check a desk backup on its own: manifest, SHA-256, "
                                         "integrity, schema, desk, row counts."),
                          QStringLiteral("FILE"), 1, 1))
        return *stop;
    const QString file = p.positionalArguments().first();
    const bool json = p.isSet(QStringLiteral("json"));
    auto m = DeskBackup::verify(file, progressFor(ctx, json || p.isSet(QStringLiteral("quiet")),
                                                  "verify"));
    endProgress(ctx, json || p.isSet(QStringLiteral("quiet")));
    if (!m) {
        if (json) {
            QJsonArray problems;
            for (const Issue &i : m.error().issues)
                problems << QJsonObject{{QStringLiteral("rule"), i.rule},
                                        {QStringLiteral("message"), i.message}};
            printJson(ctx, QJsonObject{{QStringLiteral("ok"), false},
                                       {QStringLiteral("file"), QFileInfo(file).absoluteFilePath()},
                                       {QStringLiteral("code"), m.error().code},
                                       {QStringLiteral("message"), m.error().message},
                                       {QStringLiteral("problems"), problems}});
        }
        return ctx.fail(m.error());
    }
    if (json) {
        QJsonObject o = manifestJson(*m, file);
        o.insert(QStringLiteral("ok"), true);
        printJson(ctx, o);
    } else {
        ctx.out() << "backup " << QDir::toNativeSeparators(file) << " ok\n";
        printManifest(ctx, *m);
        ctx.out().flush();
    }
    return ExitOk;
}

int runRestore(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        valueOption(QStringLiteral("in"),
                    QStringLiteral("The backup FILE to restore (with FILE.json beside it)."),
                    QStringLiteral("FILE")));
    p.addOption(QCommandLineOption(
        QStringLiteral("other-desk"),
        QStringLiteral(
            "Accept a backup of another desk id (a desk moved, or re-registered since).")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(
        QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Verify a backup, keep the current desk file aside, then "
                                         "put the backup in its place. "
                                         "The desk must be closed (the window, relaisctl sync).")))
        return *stop;
    if (!p.isSet(QStringLiteral("in")))
        return ctx.usageError(QStringLiteral("--in FILE is required"));
    const QString file = p.value(QStringLiteral("in"));
    const bool json = p.isSet(QStringLiteral("json"));
    DeskBackup::RestoreOptions options;
    options.allowOtherDesk = p.isSet(QStringLiteral("other-desk"));
    options.progress = progressFor(ctx, json || p.isSet(QStringLiteral("quiet")), "verify");
    auto r = DeskBackup::restore(file, ctx.dbPath, options);
    endProgress(ctx, json || p.isSet(QStringLiteral("quiet")));
    if (!r)
        return ctx.fail(r.error());
    if (json) {
        QJsonObject o = manifestJson(r->manifest, file);
        o.insert(QStringLiteral("desk"), QFileInfo(ctx.dbPath).absoluteFilePath());
        o.insert(QStringLiteral("kept_aside"), r->keptAside);
        printJson(ctx, o);
    } else {
        ctx.out() << "restored " << QDir::toNativeSeparators(file) << " into "
                  << QDir::toNativeSeparators(ctx.dbPath) << '\n';
        if (!r->keptAside.isEmpty())
            ctx.out() << "the desk file as it was: " << QDir::toNativeSeparators(r->keptAside)
                      << '\n';
        printManifest(ctx, r->manifest);
        ctx.out()
            << "At its next sync the desk sends its queued operations again; if the server already "
               "holds\n"
               "newer ones of this desk, it goes on under a new desk id (docs/desk-sync.md).\n";
        ctx.out().flush();
    }
    return ExitOk;
}

int runBackups(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        valueOption(QStringLiteral("folder"),
                    QStringLiteral("Backups folder (default: 'backups' beside the desk file)."),
                    QStringLiteral("DIR")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "List the automatic backups of the desk, newest first (from their manifests; "
                "'relaisctl verify FILE' checks one).")))
        return *stop;
    const QString folder = p.isSet(QStringLiteral("folder"))
                               ? p.value(QStringLiteral("folder"))
                               : DeskBackup::defaultFolder(ctx.dbPath);
    const QList<DeskBackup::Entry> entries = DeskBackup::list(folder);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const DeskBackup::Entry &e : entries)
            a << QJsonObject{{QStringLiteral("file"), e.path},
                             {QStringLiteral("bytes"), e.bytes},
                             {QStringLiteral("created"), e.created.toString(Qt::ISODate)},
                             {QStringLiteral("manifest"),
                              e.manifest ? e.manifest->toJson() : QJsonObject()}};
        printJson(ctx, a);
        return ExitOk;
    }
    for (const DeskBackup::Entry &e : entries)
        ctx.out() << e.created.toString(Qt::ISODate) << '\t' << e.bytes << '\t'
                  << (e.manifest ? e.manifest->verifiedAt : QStringLiteral("no manifest")) << '\t'
                  << QDir::toNativeSeparators(e.path) << '\n';
    ctx.out() << entries.size() << " backup(s) in " << QDir::toNativeSeparators(folder) << '\n';
    ctx.out().flush();
    return ExitOk;
}

// ---- reseed over the network -------------------------------------------------------------------

struct HttpAnswer
{
    int status = 0; // 0: no answer (network)
    QJsonObject json;
    QString error;
};

HttpAnswer postJson(QNetworkAccessManager &nam, const QUrl &url, const QJsonObject &body,
                    const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Expect", QByteArray()); // no 100-continue wait on big chunks
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    request.setTransferTimeout(300'000);
    QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpAnswer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.json = QJsonDocument::fromJson(reply->readAll()).object();
    if (a.status == 0)
        a.error = reply->errorString();
    reply->deleteLater();
    return a;
}

QString answerText(const HttpAnswer &a)
{
    if (a.status == 0)
        return a.error;
    const QString code = a.json.value(QStringLiteral("code")).toString();
    const QString message = a.json.value(QStringLiteral("message")).toString();
    return QStringLiteral("HTTP %1 %2 %3").arg(a.status).arg(code, message).trimmed();
}

int runReseed(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("server"),
                            QStringLiteral("The server's address, e.g. https://relais.example.fr."),
                            QStringLiteral("URL")));
    p.addOption(valueOption(QStringLiteral("user"),
                            QStringLiteral("An admin of the empty publisher."),
                            QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("password-file"),
                            QStringLiteral("A file whose first line is the password."),
                            QStringLiteral("FILE")));
    p.addOption(valueOption(QStringLiteral("chunk"),
                            QStringLiteral("Rows per request (default 5000, at most 20000)."),
                            QStringLiteral("N")));
    p.addOption(
        QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Send the desk's full copy to an empty publisher on the server (POST "
                "admin/reseed), "
                "in chunks; an interrupted reseed goes on where it stopped when run again.")))
        return *stop;
    for (const char *required : {"server", "user", "password-file"})
        if (!p.isSet(QLatin1StringView(required)))
            return ctx.usageError(
                QStringLiteral("--%1 is required").arg(QLatin1StringView(required)));
    int code = ExitOk;
    const auto chunk = intOption(ctx, p, QStringLiteral("chunk"), 1, 20000, false, code);
    if (code != ExitOk)
        return code;
    const int chunkRows = int(chunk.value_or(5000));
    const QUrl server(p.value(QStringLiteral("server")));
    if (!server.isValid() || (server.scheme() != u"http" && server.scheme() != u"https"))
        return ctx.failInvalid(QStringLiteral("--server"), QStringLiteral("url.invalid"),
                               QStringLiteral("%1 is not an http or https address.")
                                   .arg(p.value(QStringLiteral("server"))));
    QFile passwordFile(p.value(QStringLiteral("password-file")));
    if (!passwordFile.open(QIODevice::ReadOnly))
        return ctx.fail(
            Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                        QStringLiteral("Cannot read %1.").arg(passwordFile.fileName())));
    const QString password = QString::fromUtf8(passwordFile.readLine()).trimmed();
    if (!QFileInfo(ctx.dbPath).isFile())
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("reseed.no_desk"),
                                    QStringLiteral("There is no desk database at %1.")
                                        .arg(QDir::toNativeSeparators(ctx.dbPath))));
    const bool quiet = p.isSet(QStringLiteral("quiet"));

    // The desk copy, exactly as `relaisctl desk-copy` writes it (one read snapshot), in a folder of ours.
    QTemporaryDir work(
        QFileInfo(ctx.dbPath).absoluteDir().filePath(QStringLiteral(".reseed-XXXXXX")));
    if (!work.isValid())
        return ctx.fail(
            Error::make(ErrorKind::Io, QStringLiteral("io.write"),
                        QStringLiteral("Cannot create a work folder beside the desk.")));
    const QString copyPath = work.filePath(QStringLiteral("copy.ndjson"));
    const Command *deskCopy = nullptr;
    for (const Command &c : commands())
        if (c.name == u"desk-copy")
            deskCopy = &c;
    if (!deskCopy)
        return ctx.fail(Error::make(ErrorKind::Internal, QStringLiteral("internal"),
                                    QStringLiteral("desk-copy is missing")));
    Context copyCtx;
    copyCtx.args = {QStringLiteral("relaisctl"), QStringLiteral("--out"), copyPath};
    copyCtx.dbPath = ctx.dbPath;
    copyCtx.clerk = ctx.clerk;
    copyCtx.commandName = QStringLiteral("desk-copy");
    if (const int rc = deskCopy->run(copyCtx); rc != ExitOk)
        return rc;

    // First pass: the header and the trailer; a copy without its trailer is never sent.
    QFile copy(copyPath);
    if (!copy.open(QIODevice::ReadOnly))
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("io.read"),
                                    QStringLiteral("Cannot read %1.").arg(copyPath)));
    const QJsonObject header = QJsonDocument::fromJson(copy.readLine()).object();
    const QString deskId = header.value(QStringLiteral("desk_id")).toString();
    const qint64 deskLastSeq = header.value(QStringLiteral("desk_last_seq")).toInteger(-1);
    qint64 rows = 0;
    QJsonObject trailer;
    while (!copy.atEnd()) {
        const QByteArray line = copy.readLine();
        if (line.startsWith("{\"end\""))
            trailer = QJsonDocument::fromJson(line).object();
        else
            ++rows;
    }
    if (deskId.isEmpty() || deskLastSeq < 0
        || trailer.value(QStringLiteral("rows")).toInteger(-1) != rows)
        return ctx.fail(
            Error::make(ErrorKind::Io, QStringLiteral("reseed.copy"),
                        QStringLiteral("The desk copy is incomplete; nothing was sent.")));

    QNetworkAccessManager nam;
    auto url = [&server](const QString &route) {
        return QUrl(server.toString(QUrl::StripTrailingSlash) + QStringLiteral("/api/v1/") + route);
    };
    const HttpAnswer login = postJson(nam, url(QStringLiteral("login")),
                                      {{QStringLiteral("username"),
                                        p.value(QStringLiteral("user"))},
                                       {QStringLiteral("password"), password}},
                                      {});
    if (login.status != 200)
        return ctx.fail(
            Error::make(ErrorKind::Io, QStringLiteral("reseed.login"),
                        QStringLiteral("The server refused the login: %1").arg(answerText(login))));
    const QByteArray token = login.json.value(QStringLiteral("token")).toString().toLatin1();

    // Second pass: the rows in chunks, each with the import id relais-server reseed uses (UUIDv5 of
    // the desk id and "reseed/N"), so that a chunk sent again is answered as repeated.
    copy.seek(0);
    copy.readLine();
    // A request stays under 4 MiB whatever the rows hold (the server refuses bodies over 8 MiB by
    // default, nginx's limit may be lower): chunks end at N rows or 4 MiB, the same way on every run.
    constexpr qint64 MaxChunkBytes = 4 * 1024 * 1024;
    const qint64 estimate = qMax<qint64>(1, (rows + chunkRows - 1) / chunkRows);
    qint64 sent = 0, created = 0, repeated = 0;
    QElapsedTimer timer;
    timer.start();
    qint64 chunks = 0;
    for (qint64 index = 0;; ++index) {
        QJsonArray batch;
        qint64 bytes = 0;
        while (batch.size() < chunkRows && bytes < MaxChunkBytes && !copy.atEnd()) {
            const QByteArray line = copy.readLine();
            if (line.startsWith("{\"end\""))
                break;
            bytes += line.size();
            batch << QJsonDocument::fromJson(line).object();
        }
        const bool final = copy.atEnd() || copy.peek(6) == "{\"end\"";
        const QJsonObject body{{QStringLiteral("import_id"),
                                QUuid::createUuidV5(QUuid(deskId),
                                                    QStringLiteral("reseed/%1").arg(index))
                                    .toString(QUuid::WithoutBraces)},
                               {QStringLiteral("desk_id"), deskId},
                               {QStringLiteral("desk_last_seq"), deskLastSeq},
                               {QStringLiteral("final"), final},
                               {QStringLiteral("rows"), batch}};
        HttpAnswer a;
        for (int attempt = 0; attempt < 5; ++attempt) {
            a = postJson(nam, url(QStringLiteral("admin/reseed")), body, token);
            if (a.status != 0 && a.status != 502 && a.status != 503 && a.status != 504)
                break;
            QThread::msleep(1000u << attempt); // the same chunk again: its import id makes it safe
        }
        if (a.status != 200)
            return ctx.fail(
                Error::make(ErrorKind::Io, QStringLiteral("reseed.refused"),
                            QStringLiteral(
                                "Chunk %1 was not accepted: %2. The %3 chunk(s) before it are in; "
                                "run the same command again to go on.")
                                .arg(QString::number(index + 1), answerText(a),
                                     QString::number(index))));
        sent += batch.size();
        created += a.json.value(QStringLiteral("created")).toInteger();
        repeated += a.json.value(QStringLiteral("repeated")).toInteger();
        chunks = index + 1;
        if (!quiet) {
            ctx.err() << "\rreseed: chunk " << chunks << " (about " << qMax(estimate, chunks)
                      << "), " << sent << " / " << rows << " rows";
            ctx.err().flush();
        }
        if (final)
            break;
    }
    if (!quiet)
        ctx.err() << '\n';
    ctx.out() << "reseeded from desk " << deskId << " up to operation " << deskLastSeq << ": "
              << sent << " rows in " << chunks << " chunk(s), " << created << " created, "
              << repeated << " repeated (" << timer.elapsed() << " ms)\n";
    ctx.out().flush();
    return ExitOk;
}

const Registrar backupCommand({QStringLiteral("backup"),
                               QStringLiteral("back up the desk while it works; verified"),
                               runBackup});
const Registrar verifyCommand({QStringLiteral("verify"),
                               QStringLiteral("check a desk backup on its own"), runVerify});
const Registrar restoreCommand({QStringLiteral("restore"),
                                QStringLiteral("restore the desk from a verified backup"),
                                runRestore});
const Registrar backupsCommand({QStringLiteral("backups"),
                                QStringLiteral("list the desk's automatic backups"), runBackups});
const Registrar reseedCommand(
    {QStringLiteral("reseed"),
     QStringLiteral("send the desk's copy to an empty publisher on the server"), runReseed});

} // namespace
} // namespace Relais::Cli
