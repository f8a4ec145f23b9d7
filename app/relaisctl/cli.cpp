#include "cli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace Relais::Cli {

namespace {
QList<Command> &registry()
{
    static QList<Command> list;
    return list;
}
} // namespace

Registrar::Registrar(Command c)
{
    registry() << std::move(c);
}

const QList<Command> &commands()
{
    std::sort(registry().begin(), registry().end(),
              [](const Command &a, const Command &b) { return a.name < b.name; });
    return registry();
}

bool stderrIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

QTextStream &Context::out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &Context::err()
{
    static QTextStream s(stderr);
    return s;
}

Store *Context::store()
{
    if (!m_store) {
        auto opened = Store::open(dbPath);
        if (!opened) {
            m_openError = opened.error();
            return nullptr;
        }
        m_store.emplace(std::move(opened).value());
        m_store->setActor(Actor{clerk, ContactChannel::Desk});
    }
    return &*m_store;
}

int Context::fail(const Error &error)
{
    out().flush();
    err() << "relaisctl " << commandName << ": " << error.message << '\n';
    for (const Issue &i : error.issues) {
        err() << "  " << (i.field.isEmpty() ? QStringLiteral("-") : i.field) << ": " << i.message;
        if (!i.rule.isEmpty())
            err() << " [" << i.rule << ']';
        err() << '\n';
    }
    err().flush();
    switch (error.kind) {
    case ErrorKind::Invalid:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict: return ExitInvalid;
    case ErrorKind::Storage:
    case ErrorKind::Io:
    case ErrorKind::Internal: break;
    }
    return ExitFailure;
}

int Context::failInvalid(const QString &field, const QString &rule, const QString &message)
{
    return fail(Error::invalid({Issue{field, rule, message}}));
}

int Context::usageError(const QString &message)
{
    out().flush();
    err() << "relaisctl " << commandName << ": " << message << '\n'
          << "Try 'relaisctl " << commandName << " --help'.\n";
    err().flush();
    return ExitUsage;
}

std::optional<int> parse(Context &ctx, QCommandLineParser &parser, const QString &description,
                         const QString &positional, int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!positional.isEmpty())
        parser.addPositionalArgument(positional, QString());
    if (!parser.parse(ctx.args))
        return ctx.usageError(parser.errorText());
    if (parser.isSet(help)) {
        // QCommandLineParser's own first line names the binary only; name the subcommand too.
        QString text = parser.helpText();
        text = text.mid(text.indexOf(u'\n') + 1);
        ctx.out() << "Usage: relaisctl [--db FILE] " << ctx.commandName << " [options]"
                  << (positional.isEmpty() ? QString() : u' ' + positional) << "\n"
                  << description << "\n"
                  << text.mid(text.indexOf(u'\n') + 1);
        ctx.out().flush();
        return ExitOk;
    }
    const int n = int(parser.positionalArguments().size());
    if (n < minPositional)
        return ctx.usageError(QStringLiteral("missing argument: ") + positional);
    if (n > maxPositional)
        return ctx.usageError(QStringLiteral("unexpected argument: ")
                              + parser.positionalArguments().value(maxPositional));
    return std::nullopt;
}

std::optional<QDate> dateOption(Context &ctx, const QCommandLineParser &p, const QString &name,
                                bool required, int &exitCode)
{
    if (!p.isSet(name)) {
        if (required)
            exitCode = ctx.usageError(QStringLiteral("--%1 is required").arg(name));
        return std::nullopt;
    }
    const QString text = p.value(name).trimmed();
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10) {
        exitCode = ctx.failInvalid(
            name, QStringLiteral("date.invalid"),
            QCoreApplication::translate("Relais", "\"%1\" is not a date; write YYYY-MM-DD.")
                .arg(text));
        return std::nullopt;
    }
    return d;
}

std::optional<qint64> intOption(Context &ctx, const QCommandLineParser &p, const QString &name,
                                qint64 min, qint64 max, bool required, int &exitCode)
{
    if (!p.isSet(name)) {
        if (required)
            exitCode = ctx.usageError(QStringLiteral("--%1 is required").arg(name));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 v = p.value(name).trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max) {
        exitCode = ctx.failInvalid(
            name, QStringLiteral("number.range"),
            QCoreApplication::translate("Relais", "\"%1\" is not a whole number from %2 to %3.")
                .arg(p.value(name))
                .arg(min)
                .arg(max));
        return std::nullopt;
    }
    return v;
}

void printJson(Context &ctx, const QJsonValue &value)
{
    QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray())
                                        : QJsonDocument(value.toObject());
    ctx.out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    ctx.out().flush();
}

} // namespace Relais::Cli

namespace Relais::Cli {

std::optional<Publication> publicationOption(Context &ctx, Store &store,
                                             const QCommandLineParser &p, int &code)
{
    const QString value = p.value(QStringLiteral("publication"));
    auto pub = store.publicationByCode(value);
    if (!pub)
        code = ctx.failInvalid(QStringLiteral("publication"), QStringLiteral("publication.unknown"),
                               QCoreApplication::translate("Relais",
                                                           "No title has the code \"%1\".")
                                   .arg(value));
    return pub;
}

QCommandLineOption valueOption(const QString &name, const QString &help, const QString &valueName)
{
    return QCommandLineOption(name, help, valueName);
}

void addAddressOptions(QCommandLineParser &p)
{
    p.addOption(valueOption(QStringLiteral("line2"),
                            QStringLiteral("Line 2: apartment, floor, c/o."),
                            QStringLiteral("TEXT")));
    p.addOption(valueOption(QStringLiteral("line3"), QStringLiteral("Line 3: building, residence."),
                            QStringLiteral("TEXT")));
    p.addOption(valueOption(QStringLiteral("line4"), QStringLiteral("Line 4: number and street."),
                            QStringLiteral("TEXT")));
    p.addOption(valueOption(QStringLiteral("line5"), QStringLiteral("Line 5: lieu-dit, BP."),
                            QStringLiteral("TEXT")));
    p.addOption(valueOption(QStringLiteral("postal-code"), QStringLiteral("Postal code."),
                            QStringLiteral("CODE")));
    p.addOption(
        valueOption(QStringLiteral("city"), QStringLiteral("Town."), QStringLiteral("TOWN")));
    p.addOption(valueOption(QStringLiteral("country"),
                            QStringLiteral("Country (empty for France)."), QStringLiteral("NAME")));
}

Address addressFrom(const QCommandLineParser &p)
{
    Address a;
    a.line2 = p.value(QStringLiteral("line2"));
    a.line3 = p.value(QStringLiteral("line3"));
    a.line4 = p.value(QStringLiteral("line4"));
    a.line5 = p.value(QStringLiteral("line5"));
    a.postalCode = p.value(QStringLiteral("postal-code"));
    a.city = p.value(QStringLiteral("city"));
    a.country = p.value(QStringLiteral("country"));
    return a;
}

} // namespace Relais::Cli
