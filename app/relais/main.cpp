// relais: the clerk's desktop application.
//   relais [--db FILE] [--lang fr|en]

#include "appsettings.h"
#include "backupdialog.h"
#include "draftstore.h"
#include "mainwindow.h"
#include "measure.h"
#include "recordview.h"
#include "searchpane.h"
#include "store.h"
#include "storeworker.h"
#include "subscriberform.h"
#include "subscriberlistmodel.h"
#include "syncservice.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

// QApplication aborts when it finds no display; say why and stop cleanly instead.
bool displayAvailable(QString *why)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return true; // offscreen, vnc, eglfs...: the platform knows what it needs
    const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
    if (!wayland.isEmpty() && !platform.startsWith("xcb"))
        return true;
    const QByteArray display = qgetenv("DISPLAY");
    if (display.isEmpty()) {
        *why = QStringLiteral("no display: neither DISPLAY nor WAYLAND_DISPLAY is set");
        return false;
    }
    // A local X display ":N" has a socket; a remote one ("host:N") is left to Qt to try.
    if (display.startsWith(':')) {
        const QByteArray number = display.mid(1).split('.').value(0);
        const QString socket = QStringLiteral("/tmp/.X11-unix/X") + QString::fromLatin1(number);
        if (!QFileInfo::exists(socket)) {
            *why = QStringLiteral("no X server answers on DISPLAY=%1 (%2 is missing)")
                       .arg(QString::fromLocal8Bit(display), socket);
            return false;
        }
    }
#else
    Q_UNUSED(why)
#endif
    return true;
}

// The desk's folder, shared by relais and relaisctl. Linux: ~/.local/share/relais
// (GenericDataLocation, where existing desks are). Windows: the local, not roaming, application data
// folder, %LOCALAPPDATA%/Relais (AppLocalDataLocation under the application name "Relais"): a roaming
// profile can be redirected to a network share, where SQLite's WAL does not work (docs/windows.md).
QString defaultDatabasePath()
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
    return QDir(dir).filePath(QStringLiteral("desk.sqlite"));
}

// Our strings, then Qt's own (buttons of standard dialogs), for the chosen language.
class Translations
{
public:
    void load(const QString &language)
    {
        for (auto &t : m_loaded)
            QCoreApplication::removeTranslator(t.get());
        m_loaded.clear();
        QLocale::setDefault(
            QLocale(language == u"en" ? QStringLiteral("en_GB") : QStringLiteral("fr_FR")));
        // English too: the sources are English, but their counts ("%n title(s)") take their
        // singular and plural from relais_en.qm.
        auto ours = std::make_unique<QTranslator>();
        if (ours->load(QStringLiteral(":/i18n/relais_%1.qm").arg(language))) {
            QCoreApplication::installTranslator(ours.get());
            m_loaded.push_back(std::move(ours));
        }
        if (language == u"en")
            return; // Qt's own strings are English already
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            m_loaded.push_back(std::move(qt));
        }
    }

private:
    std::vector<std::unique_ptr<QTranslator>> m_loaded;
};

// The command line. Hidden options serve the user guide's pictures and the benchmarks.
struct Options
{
    QCommandLineOption db{QStringLiteral("db"),
                          QStringLiteral("Desk database FILE (default: %1).")
                              .arg(QDir::toNativeSeparators(defaultDatabasePath())),
                          QStringLiteral("FILE")};
    QCommandLineOption lang{QStringLiteral("lang"),
                            QStringLiteral("Language of the window: fr or en."),
                            QStringLiteral("LANG")};
    // Grab the window once it has painted, save it as PNG, quit.
    QCommandLineOption shot{QStringLiteral("screenshot"),
                            QStringLiteral("Save a PNG of the window and quit."),
                            QStringLiteral("FILE")};
    QCommandLineOption shotSearch{QStringLiteral("screenshot-search"),
                                  QStringLiteral("Type this search first."),
                                  QStringLiteral("TEXT")};
    QCommandLineOption shotTab{QStringLiteral("screenshot-tab"),
                               QStringLiteral("Record tab to show (0-2)."), QStringLiteral("N")};
    QCommandLineOption shotWindow{QStringLiteral("screenshot-window"),
                                  QStringLiteral("worklists, overview, sync, attention or login."),
                                  QStringLiteral("NAME")};
    QCommandLineOption shotFill{QStringLiteral("screenshot-fill"),
                                QStringLiteral("New record with field=value;..."),
                                QStringLiteral("FIELDS")};
    // Startup, search as you type, jump to the end, memory (see measure.h).
    QCommandLineOption measure{QStringLiteral("measure"),
                               QStringLiteral("Measure with these searches."),
                               QStringLiteral("SEARCHES")};
};

Options addOptions(QCommandLineParser &parser)
{
    Options o;
    parser.setApplicationDescription(
        QStringLiteral("Relais: subscriptions and deliveries for circulation clerks."));
    parser.addHelpOption();
    parser.addVersionOption();
    for (QCommandLineOption *hidden :
         {&o.shot, &o.shotSearch, &o.shotTab, &o.shotWindow, &o.shotFill, &o.measure})
        hidden->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions(
        {o.db, o.lang, o.shot, o.shotSearch, o.shotTab, o.shotWindow, o.shotFill, o.measure});
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    // --help and --version need no window: answer them even where there is no display.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v"
            || arg == "--version") {
            QCoreApplication app(argc, argv);
            QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));
            QCommandLineParser parser;
            (void)addOptions(parser);
            parser.process(app); // prints and exits
            return 0;
        }
    }

    QString why;
    if (!displayAvailable(&why)) {
        std::fprintf(stderr,
                     "relais: cannot open a window: %s.\n"
                     "relais: start it from a desktop session, or use relaisctl for work without a "
                     "window.\n",
                     qPrintable(why));
        return 1;
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Relais"));
    QCoreApplication::setApplicationName(QStringLiteral("relais"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RELAIS_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Relais"));

    QCommandLineParser parser;
    const Options options = addOptions(parser);
    parser.process(app);

    QString language = Relais::Ui::AppSettings::language();
    if (parser.isSet(options.lang)) {
        language = parser.value(options.lang);
        if (language != u"fr" && language != u"en") {
            std::fprintf(stderr, "relais: --lang takes fr or en, not %s\n", qPrintable(language));
            return 2;
        }
    }
    Translations translations;
    translations.load(language);

    const QString path = parser.isSet(options.db) ? parser.value(options.db)
                                                  : defaultDatabasePath();
    if (!parser.isSet(options.db))
        QDir().mkpath(QFileInfo(path).absolutePath()); // first start: the data folder may not exist
    // A restore asked in the backups dialog runs now, before the desk is opened (ui/backupdialog.h).
    Relais::Ui::applyPendingRestoreAtStart(path);
    auto opened = Relais::Store::open(path);
    if (!opened) {
        QMessageBox::critical(
            nullptr, QCoreApplication::translate("Relais", "Relais"),
            QCoreApplication::translate("Relais", "The desk database cannot be opened.\n\n%1")
                .arg(opened.error().fullText()));
        return 1;
    }
    Relais::Store store = std::move(opened).value();
    // The audit names the clerk: the login name, as relaisctl does.
    QString clerk = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (!clerk.isEmpty())
        store.setActor(Relais::Actor{clerk, Relais::ContactChannel::Desk});
    Relais::StoreWorker worker(path);
    Relais::Ui::DraftStore drafts(path);
    // Sync runs on a thread of its own; the server comes from the settings, or from the desk
    // itself when relaisctl synced it first.
    Relais::Sync::Service sync(path, store.desk().deskId);
    QString server = Relais::Ui::AppSettings::serverAddress();
    if (server.isEmpty()) {
        server = store.metaValue(QStringLiteral("server_url"));
        if (!server.isEmpty())
            Relais::Ui::AppSettings::setServerAddress(server);
    }
    sync.start(QUrl(server), store.metaValue(QStringLiteral("server_user")));
    Relais::Ui::DeskContext context{&store, &worker, &drafts, &sync};

    auto window = std::make_unique<Relais::Ui::MainWindow>(context);
    QObject::connect(window.get(), &Relais::Ui::MainWindow::languageChanged, &app,
                     [&translations, &window, context](const QString &lang) {
                         // Widgets read their strings when built: rebuild the window in the new
                         // language (the record's draft survives in the draft file).
                         translations.load(lang);
                         auto next = std::make_unique<Relais::Ui::MainWindow>(context);
                         next->show();
                         window.release()->deleteLater();
                         window = std::move(next);
                     });
    window->show();

    if (parser.isSet(options.measure))
        Relais::Measure::run(window.get(),
                             parser.value(options.measure).split(u',', Qt::SkipEmptyParts),
                             sinceStart);

    if (parser.isSet(options.shot)) {
        const QString file = parser.value(options.shot);
        Relais::Ui::MainWindow *w = window.get();
        if (parser.isSet(options.shotSearch))
            w->searchPane()->setSearchText(parser.value(options.shotSearch));
        QObject::connect(
            w->searchPane()->model(), &Relais::SubscriberListModel::ready, w,
            [w] {
                // Open the first result, as a clerk pressing Enter would.
                QTimer::singleShot(300, w, [w] {
                    const QModelIndex first = w->searchPane()->model()->index(0, 1);
                    if (first.isValid())
                        w->searchPane()->view()->setCurrentIndex(first);
                });
            },
            Qt::SingleShotConnection);
        if (parser.isSet(options.shotFill)) {
            // A new record typed as given, its messages showing (for the guide's pictures).
            QVariantMap values;
            for (const QString &pair :
                 parser.value(options.shotFill).split(u';', Qt::SkipEmptyParts))
                values.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
            QTimer::singleShot(800, w, [w, values] {
                w->newSubscriber();
                w->record()->form()->setValues(values);
            });
        }
        const int tab = parser.value(options.shotTab).toInt();
        const QString extra = parser.value(options.shotWindow);
        QTimer::singleShot(1200, w, [w, tab, extra] {
            w->record()->tabs()->setCurrentIndex(tab);
            if (extra == u"worklists")
                w->showWorklists();
            else if (extra == u"overview")
                w->showOverview();
            else if (extra == u"sync")
                w->showSyncPanel();
            else if (extra == u"attention")
                w->showSyncPanel(true);
            else if (extra == u"login")
                w->showLogin();
        });
        QTimer::singleShot(2500, w, [w, file, extra] {
            QWidget *target = w;
            for (QDialog *d : w->findChildren<QDialog *>())
                if (d->isVisible())
                    target = d;
            const QPixmap shot = target->grab();
            const bool ok = shot.save(file);
            std::fprintf(stderr,
                         ok ? "relais: screenshot saved to %s\n" : "relais: cannot save %s\n",
                         qPrintable(file));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    const int rc = app.exec();
    window.reset();
    return rc;
}
