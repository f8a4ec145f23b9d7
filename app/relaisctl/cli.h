#pragma once
// The frame of relaisctl: global options, a registry of subcommands, option parsing with --help on
// every subcommand, and the one place that turns an Error into stderr lines and an exit status
// (0 ok, 1 other failure, 2 usage, 3 invalid input).

#include "result.h"
#include "store.h"

#include <QCommandLineParser>
#include <QDate>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Relais::Cli {

enum Exit : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2, ExitInvalid = 3 };

class Context
{
public:
    QStringList args; // the subcommand's own arguments, its name first (for QCommandLineParser)
    QString dbPath;
    QString clerk;
    QString commandName; // "subscriber add"

    QTextStream &out();
    QTextStream &err();
    // Opens the desk database on first use (a missing file becomes a new desk).
    Store *store();
    // The reason store() returned nullptr, printed; its exit status.
    int failStoreOpen() { return fail(m_openError); }
    // Prints the error (each issue on its own line, naming the field) and returns its exit status.
    int fail(const Error &error);
    int failInvalid(const QString &field, const QString &rule, const QString &message);
    int usageError(const QString &message);

private:
    std::optional<Store> m_store;
    Error m_openError;
};

struct Command
{
    QString name;    // one or two words: "search", "subscriber add"
    QString summary; // one line for the global --help
    int (*run)(Context &) = nullptr;
};

const QList<Command> &commands();

// True when stderr is a terminal. Progress lines go to stderr only then: a run whose stderr is
// redirected to a file or a pipe (cron, a script, a log) gets its messages without "\r12000 / 400000".
bool stderrIsTerminal();
struct Registrar
{
    explicit Registrar(Command c);
};

// Sets up --help, parses ctx.args; returns an exit status to stop with (help printed, usage error),
// or nullopt to go on. `positional` names the expected positional arguments for the usage line.
std::optional<int> parse(Context &ctx, QCommandLineParser &parser, const QString &description,
                         const QString &positional = QString(), int minPositional = 0,
                         int maxPositional = 0);

// Typed option readers: each reports an invalid value as exit status 3 naming the option.
std::optional<QDate> dateOption(Context &ctx, const QCommandLineParser &p, const QString &name,
                                bool required, int &exitCode);
std::optional<qint64> intOption(Context &ctx, const QCommandLineParser &p, const QString &name,
                                qint64 min, qint64 max, bool required, int &exitCode);

void printJson(Context &ctx, const QJsonValue &value);

} // namespace Relais::Cli

namespace Relais::Cli {
// --line2 .. --line5, --postal-code, --city, --country (shared by subscriber and holiday address).
void addAddressOptions(QCommandLineParser &p);
Address addressFrom(const QCommandLineParser &p);
// The title named by --publication; on an unknown code, prints the reason (exit status 3 in code).
std::optional<Publication> publicationOption(Context &ctx, Store &store,
                                             const QCommandLineParser &p, int &code);
// Shorthand for a value option.
QCommandLineOption valueOption(const QString &name, const QString &help, const QString &valueName);
} // namespace Relais::Cli
