// relaisctl backup, verify, restore, backups: the desk's own backups (models/deskbackup.h).

#include "cli.h"
#include "deskbackup.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

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
    ctx.out() << "desk " << m.deskId << " (" << m.deskName << "), schema version " << m.schemaVersion
              << ", taken " << m.createdAt << ", verified " << m.verifiedAt << '\n'
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
    if (quiet)
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
    p.addOption(valueOption(QStringLiteral("out"), QStringLiteral("Write the backup to FILE (and FILE.json, its manifest). "
                                                                  "Without it: an automatic backup into the backups folder, rotated."),
                            QStringLiteral("FILE")));
    p.addOption(valueOption(QStringLiteral("folder"), QStringLiteral("Backups folder (default: 'backups' beside the desk file)."),
                            QStringLiteral("DIR")));
    p.addOption(valueOption(QStringLiteral("copy-to"), QStringLiteral("Also copy the backup to this second folder (a share, a USB disk)."),
                            QStringLiteral("DIR")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p, QStringLiteral("Back up the desk while it is in use (SQLite's online backup), then verify the copy.")))
        return *stop;
    if (!QFileInfo(ctx.dbPath).isFile())
        return ctx.fail(Error::make(ErrorKind::Io, QStringLiteral("backup.no_desk"),
                                    QStringLiteral("There is no desk database at %1.").arg(QDir::toNativeSeparators(ctx.dbPath))));
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
                copyProblem = QStringLiteral("the copy to %1 failed").arg(QDir::toNativeSeparators(dir));
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
    const QString folder = p.isSet(QStringLiteral("folder")) ? p.value(QStringLiteral("folder"))
                                                              : DeskBackup::defaultFolder(ctx.dbPath);
    auto r = DeskBackup::automatic(ctx.dbPath, folder, QStringLiteral("daily"), p.value(QStringLiteral("copy-to")), progress);
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
        ctx.err() << "relaisctl backup: the backup is good, but its second copy failed: " << r->copyProblem << '\n';
        return ExitFailure;
    }
    return ExitOk;
}

int runVerify(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p, QStringLiteral("Check a desk backup on its own: manifest, SHA-256, integrity, schema, desk, row counts."),
                          QStringLiteral("FILE"), 1, 1))
        return *stop;
    const QString file = p.positionalArguments().first();
    const bool json = p.isSet(QStringLiteral("json"));
    auto m = DeskBackup::verify(file, progressFor(ctx, json || p.isSet(QStringLiteral("quiet")), "verify"));
    endProgress(ctx, json || p.isSet(QStringLiteral("quiet")));
    if (!m) {
        if (json) {
            QJsonArray problems;
            for (const Issue &i : m.error().issues)
                problems << QJsonObject{{QStringLiteral("rule"), i.rule}, {QStringLiteral("message"), i.message}};
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
    p.addOption(valueOption(QStringLiteral("in"), QStringLiteral("The backup FILE to restore (with FILE.json beside it)."),
                            QStringLiteral("FILE")));
    p.addOption(QCommandLineOption(QStringLiteral("other-desk"),
                                   QStringLiteral("Accept a backup of another desk id (a desk moved, or re-registered since).")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    p.addOption(QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")));
    if (auto stop = parse(ctx, p, QStringLiteral("Verify a backup, keep the current desk file aside, then put the backup in its place. "
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
        ctx.out() << "restored " << QDir::toNativeSeparators(file) << " into " << QDir::toNativeSeparators(ctx.dbPath) << '\n';
        if (!r->keptAside.isEmpty())
            ctx.out() << "the desk file as it was: " << QDir::toNativeSeparators(r->keptAside) << '\n';
        printManifest(ctx, r->manifest);
        ctx.out() << "At its next sync the desk sends its queued operations again; if the server already holds\n"
                     "newer ones of this desk, it goes on under a new desk id (docs/desk-sync.md).\n";
        ctx.out().flush();
    }
    return ExitOk;
}

int runBackups(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("folder"), QStringLiteral("Backups folder (default: 'backups' beside the desk file)."),
                            QStringLiteral("DIR")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(ctx, p, QStringLiteral("List the automatic backups of the desk, newest first (from their manifests; "
                                                 "'relaisctl verify FILE' checks one).")))
        return *stop;
    const QString folder = p.isSet(QStringLiteral("folder")) ? p.value(QStringLiteral("folder"))
                                                              : DeskBackup::defaultFolder(ctx.dbPath);
    const QList<DeskBackup::Entry> entries = DeskBackup::list(folder);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const DeskBackup::Entry &e : entries)
            a << QJsonObject{{QStringLiteral("file"), e.path},
                             {QStringLiteral("bytes"), e.bytes},
                             {QStringLiteral("created"), e.created.toString(Qt::ISODate)},
                             {QStringLiteral("manifest"), e.manifest ? e.manifest->toJson() : QJsonObject()}};
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

const Registrar backupCommand({QStringLiteral("backup"), QStringLiteral("back up the desk while it works; verified"), runBackup});
const Registrar verifyCommand({QStringLiteral("verify"), QStringLiteral("check a desk backup on its own"), runVerify});
const Registrar restoreCommand({QStringLiteral("restore"), QStringLiteral("restore the desk from a verified backup"), runRestore});
const Registrar backupsCommand({QStringLiteral("backups"), QStringLiteral("list the desk's automatic backups"), runBackups});

} // namespace
} // namespace Relais::Cli
