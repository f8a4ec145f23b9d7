// relaisctl: the desk's jobs without a window (demo data, search, catalogue, subscribers,
// subscriptions, delivery lists, export, import, outbox, checks).

#include "cli.h"

#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

#include <memory>

using namespace Relais;
using namespace Relais::Cli;

namespace {

void printGlobalHelp(Context &ctx)
{
    QTextStream &o = ctx.out();
    o << "Usage: relaisctl [--db FILE] [--clerk NAME] COMMAND [options]\n\n"
         "Global options:\n"
         "  --db FILE      desk database (created if missing; default: the desk of the\n"
         "                 relais application in the user's data folder)\n"
         "  --clerk NAME   who makes the changes (default: the login name)\n"
         "  --version      print the version\n"
         "  -h, --help     this help; 'relaisctl COMMAND --help' for a command\n\n"
         "Commands:\n";
    for (const Command &c : commands())
        o << "  " << c.name.leftJustified(24) << c.summary << '\n';
    o << "\nExit status: 0 ok, 1 failure, 2 usage error, 3 invalid input.\n";
    o.flush();
}

// The desk's folder, shared by relais and relaisctl. Linux: ~/.local/share/relais
// (GenericDataLocation, where existing desks are). Windows: the local, not roaming, application data
// folder, %LOCALAPPDATA%/Relais (AppLocalDataLocation under the application name "Relais"): a roaming
// profile can be redirected to a network share, where SQLite's WAL does not work (docs/windows.md).
// Label sheets and the issue report paint text, and fonts need a QGuiApplication: those runs get
// one, on Linux on the offscreen platform unless another is asked for (no display needed). Every
// other run stays a QCoreApplication.
bool paintsText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "report" || a == "--format=pdf"
            || (a == "--format" && i + 1 < argc && QByteArray(argv[i + 1]) == "pdf"))
            return true;
    }
    return false;
}

// The offscreen platform warns that XDG_RUNTIME_DIR is not set (cron, ssh): noise on stderr for a
// run that needs no runtime folder.
QtMessageHandler g_defaultHandler = nullptr;
void quietRuntimeDirWarning(QtMsgType type, const QMessageLogContext &context,
                            const QString &message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR")))
        return;
    g_defaultHandler(type, context, message);
}

QString defaultDatabase()
{
#ifdef Q_OS_WIN
    const QString name = QCoreApplication::applicationName();
    const QString organization = QCoreApplication::organizationName();
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(QStringLiteral("Relais"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QCoreApplication::setApplicationName(name);
    QCoreApplication::setOrganizationName(organization);
#else
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                        + QStringLiteral("/relais");
#endif
    QDir().mkpath(dir);
    return dir + QStringLiteral("/desk.sqlite");
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (paintsText(argc, argv)) {
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
        // Cron and ssh have no display; Windows' and macOS' own platforms need none.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
        g_defaultHandler = qInstallMessageHandler(quietRuntimeDirWarning);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("relaisctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));

    Context ctx;
    ctx.clerk = qEnvironmentVariable("USER",
                                     qEnvironmentVariable("USERNAME", QStringLiteral("local")));
    QStringList args = app->arguments().mid(1);
    while (!args.isEmpty() && args.first().startsWith(u'-')) {
        const QString opt = args.takeFirst();
        auto value = [&](const QString &name) -> std::optional<QString> {
            if (opt.startsWith(name + u'='))
                return opt.mid(name.size() + 1);
            if (opt == name && !args.isEmpty())
                return args.takeFirst();
            return std::nullopt;
        };
        if (opt == u"-h" || opt == u"--help") {
            printGlobalHelp(ctx);
            return ExitOk;
        }
        if (opt == u"--version") {
            ctx.out() << "relaisctl " << QCoreApplication::applicationVersion() << '\n';
            return ExitOk;
        }
        if (opt.startsWith(QStringLiteral("--db"))) {
            if (auto v = value(QStringLiteral("--db"))) {
                ctx.dbPath = *v;
                continue;
            }
        } else if (opt.startsWith(QStringLiteral("--clerk"))) {
            if (auto v = value(QStringLiteral("--clerk"))) {
                ctx.clerk = *v;
                continue;
            }
        }
        ctx.commandName = QStringLiteral("");
        return ctx.usageError(QStringLiteral("unknown or incomplete global option: ") + opt);
    }
    if (args.isEmpty()) {
        printGlobalHelp(ctx);
        return ExitUsage;
    }
    const Command *found = nullptr;
    int words = 0;
    for (const Command &c : commands()) {
        const QStringList name = c.name.split(u' ');
        if (name.size() <= args.size() && args.mid(0, name.size()) == name
            && int(name.size()) > words) {
            found = &c;
            words = int(name.size());
        }
    }
    if (!found) {
        ctx.commandName = args.first();
        ctx.err() << "relaisctl: unknown command '" << args.join(u' ')
                  << "'. Try 'relaisctl --help'.\n";
        return ExitUsage;
    }
    ctx.commandName = found->name;
    ctx.args = QStringList{QStringLiteral("relaisctl")} + args.mid(words);
    if (ctx.dbPath.isEmpty())
        ctx.dbPath = defaultDatabase();
    return found->run(ctx);
}
