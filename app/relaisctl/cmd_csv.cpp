// relaisctl export, exports, import: the mailing-house CSV and the subscriber import.

#include "cli.h"
#include "csvexport.h"
#include "csvimport.h"
#include "formats.h"
#include "labelsheet.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Relais::Cli {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Relais::Csv", text);
}

// ";" ";" "," "tab" "|": the separator an option names, or a null QChar.
QChar separatorFrom(const QString &text)
{
    const QString t = text.trimmed();
    if (t.compare(QStringLiteral("tab"), Qt::CaseInsensitive) == 0 || t == u"\\t" || text == u"\t")
        return u'\t';
    if (t.size() == 1 && (t == u";" || t == u"," || t == u"|"))
        return t.at(0);
    return QChar();
}

std::optional<Csv::Encoding> encodingOption(Context &ctx, const QCommandLineParser &p, int &code)
{
    if (!p.isSet(QStringLiteral("encoding")))
        return std::nullopt;
    const auto e = Csv::encodingFromName(p.value(QStringLiteral("encoding")));
    if (!e)
        code = ctx.failInvalid(
            QStringLiteral("encoding"), QStringLiteral("encoding.unknown"),
            tr("\"%1\" is not an encoding; use utf-8-bom, utf-8 or windows-1252.")
                .arg(p.value(QStringLiteral("encoding"))));
    return e;
}

std::optional<QChar> separatorOption(Context &ctx, const QCommandLineParser &p, int &code)
{
    if (!p.isSet(QStringLiteral("separator")))
        return std::nullopt;
    const QChar sep = separatorFrom(p.value(QStringLiteral("separator")));
    if (sep.isNull()) {
        code = ctx.failInvalid(QStringLiteral("separator"), QStringLiteral("separator.invalid"),
                               tr("\"%1\" is not a separator; use ';', ',', '|' or tab.")
                                   .arg(p.value(QStringLiteral("separator"))));
        return std::nullopt;
    }
    return sep;
}

// Progress on stderr, only when it is a terminal (the caller folds stderrIsTerminal() into quiet).
Csv::Progress progressPrinter(Context &ctx, bool quiet)
{
    if (quiet)
        return {};
    return [&ctx](qint64 done, qint64 total) {
        ctx.err() << '\r' << done << " / " << total;
        ctx.err().flush();
        return true;
    };
}

int runExport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("publication"), QStringLiteral("Title code."),
                            QStringLiteral("CODE")));
    p.addOption(valueOption(QStringLiteral("date"), QStringLiteral("Issue date (YYYY-MM-DD)."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("out"),
                            QStringLiteral(
                                "File to write; addresses that do not fit go to OUT.warnings.csv."),
                            QStringLiteral("FILE")));
    p.addOption(
        valueOption(QStringLiteral("format"),
                    QStringLiteral("csv (default), xlsx (a spreadsheet: postal codes and numbers "
                                   "stay text, dates are dates) or pdf (sheets of labels)."),
                    QStringLiteral("FORMAT")));
    p.addOption(valueOption(QStringLiteral("labels"),
                            QStringLiteral("With --format pdf: L7160 (default; A4 3x7, 63.5x38.1 "
                                           "mm) or L7163 (A4 2x7, 99.1x38.1 mm)."),
                            QStringLiteral("LAYOUT")));
    p.addOption(
        valueOption(QStringLiteral("margin-top"),
                    QStringLiteral(
                        "With --format pdf: the sheet's top margin in mm (default: the layout's)."),
                    QStringLiteral("MM")));
    p.addOption(valueOption(
        QStringLiteral("margin-left"),
        QStringLiteral("With --format pdf: the sheet's left margin in mm (default: the layout's)."),
        QStringLiteral("MM")));
    p.addOption(valueOption(QStringLiteral("font-size"),
                            QStringLiteral("With --format pdf: the size labels start at, in points "
                                           "(default 9; made smaller to fit, never cut)."),
                            QStringLiteral("PT")));
    p.addOption(valueOption(QStringLiteral("preset"),
                            QStringLiteral("routeur (default), complet, or a saved preset."),
                            QStringLiteral("NAME")));
    p.addOption(
        valueOption(QStringLiteral("columns"),
                    QStringLiteral(
                        "Comma-separated column keys instead of a preset (see --list-columns)."),
                    QStringLiteral("KEYS")));
    p.addOption(valueOption(QStringLiteral("save-preset"),
                            QStringLiteral("Save --columns under NAME (no export without --out)."),
                            QStringLiteral("NAME")));
    p.addOption(valueOption(QStringLiteral("encoding"),
                            QStringLiteral("utf-8-bom (default), utf-8 or windows-1252."),
                            QStringLiteral("ENC")));
    p.addOption(valueOption(QStringLiteral("separator"),
                            QStringLiteral("';' (default), ',', '|' or tab."),
                            QStringLiteral("SEP")));
    p.addOption(valueOption(QStringLiteral("changes-since"),
                            QStringLiteral("Only the adds and drops against that issue's list."),
                            QStringLiteral("DATE")));
    p.addOption(QCommandLineOption(QStringLiteral("list-columns"),
                                   QStringLiteral("List the columns and presets, and stop.")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON summary.")));
    p.addOption(QCommandLineOption(
        QStringLiteral("quiet"),
        QStringLiteral("No progress on stderr (there is none when stderr is not a terminal).")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Write the delivery list of an issue as CSV for the mailing house (routeur), as a\n"
                "spreadsheet (--format xlsx) or as sheets of labels (--format pdf), sorted by\n"
                "postal code then name, and log the export.")))
        return *stop;
    if (p.isSet(QStringLiteral("list-columns"))) {
        for (const Csv::ColumnInfo &c : Csv::allColumns())
            ctx.out() << c.key.leftJustified(20) << c.header.leftJustified(18) << c.description
                      << '\n';
        Store *store = ctx.store();
        if (!store)
            return ctx.failStoreOpen();
        for (const QString &name : Csv::presetNames(*store))
            ctx.out() << "preset " << name << ": "
                      << Csv::presetColumns(*store, name).value().join(u',') << '\n';
        ctx.out().flush();
        return ExitOk;
    }
    int code = ExitOk;
    const QStringList columns = p.value(QStringLiteral("columns")).split(u',', Qt::SkipEmptyParts);
    if (p.isSet(QStringLiteral("save-preset"))) {
        if (columns.isEmpty())
            return ctx.usageError(QStringLiteral("--save-preset needs --columns"));
        Store *store = ctx.store();
        if (!store)
            return ctx.failStoreOpen();
        if (Status s = Csv::savePreset(*store, p.value(QStringLiteral("save-preset")), columns); !s)
            return ctx.fail(s.error());
        ctx.out() << "preset " << p.value(QStringLiteral("save-preset")) << " saved\n";
        ctx.out().flush();
        if (!p.isSet(QStringLiteral("out")))
            return ExitOk;
    }
    if (!p.isSet(QStringLiteral("publication")))
        return ctx.usageError(QStringLiteral("--publication is required"));
    if (!p.isSet(QStringLiteral("out")))
        return ctx.usageError(QStringLiteral("--out is required"));
    const auto date = dateOption(ctx, p, QStringLiteral("date"), true, code);
    if (!date)
        return code;
    const auto since = dateOption(ctx, p, QStringLiteral("changes-since"), false, code);
    if (code != ExitOk)
        return code;
    const auto encoding = encodingOption(ctx, p, code);
    if (code != ExitOk)
        return code;
    const auto separator = separatorOption(ctx, p, code);
    if (code != ExitOk)
        return code;
    const QString format = p.value(QStringLiteral("format")).toLower();
    if (!format.isEmpty() && format != u"csv" && format != u"xlsx" && format != u"pdf")
        return ctx.failInvalid(QStringLiteral("format"), QStringLiteral("format.unknown"),
                               tr("\"%1\" is not an export format; use csv, xlsx or pdf.")
                                   .arg(p.value(QStringLiteral("format"))));
    Print::LabelOptions labels;
    for (const char *name : {"labels", "margin-top", "margin-left", "font-size"})
        if (format != u"pdf" && p.isSet(QString::fromLatin1(name)))
            return ctx.usageError(
                QStringLiteral("--%1 goes with --format pdf").arg(QString::fromLatin1(name)));
    if (p.isSet(QStringLiteral("labels")))
        labels.layout = p.value(QStringLiteral("labels"));
    auto millimetres = [&](const char *name, double &into) {
        if (!p.isSet(QString::fromLatin1(name)))
            return true;
        bool ok = false;
        const double v = p.value(QString::fromLatin1(name)).replace(u',', u'.').toDouble(&ok);
        if (!ok || v < 0 || v > 100) {
            code = ctx.failInvalid(QString::fromLatin1(name), QStringLiteral("labels.margin"),
                                   tr("\"%1\" is not a margin; give millimetres between 0 and 100.")
                                       .arg(p.value(QString::fromLatin1(name))));
            return false;
        }
        into = v;
        return true;
    };
    if (!millimetres("margin-top", labels.topMm) || !millimetres("margin-left", labels.leftMm))
        return code;
    if (p.isSet(QStringLiteral("font-size"))) {
        bool ok = false;
        labels.fontPt = p.value(QStringLiteral("font-size")).replace(u',', u'.').toDouble(&ok);
        if (!ok)
            return ctx.failInvalid(QStringLiteral("font-size"), QStringLiteral("labels.font_size"),
                                   tr("\"%1\" is not a size in points.")
                                       .arg(p.value(QStringLiteral("font-size"))));
    }
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    Csv::ExportOptions o;
    o.format = format == u"xlsx" ? Csv::Format::Xlsx : Csv::Format::Csv;
    o.publicationCode = p.value(QStringLiteral("publication"));
    o.date = *date;
    o.outPath = p.value(QStringLiteral("out"));
    if (p.isSet(QStringLiteral("preset")))
        o.preset = p.value(QStringLiteral("preset"));
    o.columns = columns;
    o.encoding = encoding.value_or(Csv::Encoding::Utf8Bom);
    o.separator = separator.value_or(u';');
    o.changesSince = since.value_or(QDate());
    const bool quiet = p.isSet(QStringLiteral("quiet")) || p.isSet(QStringLiteral("json"))
                       || !stderrIsTerminal();
    o.progress = progressPrinter(ctx, quiet);
    QElapsedTimer timer;
    timer.start();
    auto r = format == u"pdf" ? Print::exportLabels(*store, o, labels)
                              : Csv::exportDeliveryList(*store, o);
    if (!quiet)
        ctx.err() << '\n';
    if (!r)
        return ctx.fail(r.error());
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx,
                  QJsonObject{{QStringLiteral("file"), QFileInfo(o.outPath).absoluteFilePath()},
                              {QStringLiteral("format"),
                               format.isEmpty() ? QStringLiteral("csv") : format},
                              {QStringLiteral("labels"), format == u"pdf" ? r->rows - r->drops : 0},
                              {QStringLiteral("rows"), r->rows},
                              {QStringLiteral("copies"), r->copies},
                              {QStringLiteral("adds"), r->adds},
                              {QStringLiteral("drops"), r->drops},
                              {QStringLiteral("warnings"), r->warnings},
                              {QStringLiteral("warnings_file"), r->warningsPath},
                              {QStringLiteral("abbreviated"), r->abbreviated},
                              {QStringLiteral("transliterated"), r->transliterated},
                              {QStringLiteral("sha256"), r->sha256},
                              {QStringLiteral("log_id"), r->logId}});
        return ExitOk;
    }
    QTextStream &out = ctx.out();
    out << "rows " << r->rows << ", copies " << r->copies;
    if (o.changesSince.isValid())
        out << ", adds " << r->adds << ", drops " << r->drops;
    out << ", abbreviated " << r->abbreviated << ", warnings " << r->warnings;
    if (o.encoding == Csv::Encoding::Windows1252)
        out << ", transliterated " << r->transliterated;
    out << " (" << timer.elapsed() << " ms)\n"
        << "sha256 " << r->sha256 << '\n';
    if (format == u"pdf") {
        const auto layout = Print::labelLayout(labels.layout);
        const qint64 count = r->rows - r->drops;
        out << "labels " << count << " on " << (count + layout->perSheet() - 1) / layout->perSheet()
            << " sheet(s) " << layout->name << '\n';
    }
    if (r->warnings > 0)
        out << r->warnings
            << (format == u"pdf" ? " address line(s) do not fit 38 characters or the label; they "
                                   "are not cut: see "
                                 : " address line(s) do not fit 38 characters even abbreviated; "
                                   "they are not cut: see ")
            << r->warningsPath << '\n';
    out.flush();
    return ExitOk;
}

int runExports(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("limit"),
                            QStringLiteral("The N most recent (default: all)."),
                            QStringLiteral("N")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON output.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "List the exports made on this desk: who, when, which issue, rows, SHA-256.")))
        return *stop;
    int code = ExitOk;
    const qint64 limit = intOption(ctx, p, QStringLiteral("limit"), 1, 1000000, false, code)
                             .value_or(0);
    if (code != ExitOk)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto log = Csv::exportLog(*store, int(limit));
    if (!log)
        return ctx.fail(log.error());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const Csv::ExportLogEntry &e : *log)
            a << QJsonObject{{QStringLiteral("id"), e.id},
                             {QStringLiteral("at"), isoUtc(e.at)},
                             {QStringLiteral("clerk"), e.clerk},
                             {QStringLiteral("desk_id"), e.deskId},
                             {QStringLiteral("publication"), e.publicationCode},
                             {QStringLiteral("issue_date"), e.issueDate.toString(Qt::ISODate)},
                             {QStringLiteral("preset"), e.preset},
                             {QStringLiteral("file"), e.fileName},
                             {QStringLiteral("rows"), e.rows},
                             {QStringLiteral("sha256"), e.sha256},
                             {QStringLiteral("warnings"), e.warnings}};
        printJson(ctx, a);
        return ExitOk;
    }
    for (const Csv::ExportLogEntry &e : *log)
        ctx.out() << e.id << '\t' << e.at.toString(Qt::ISODate) << '\t' << e.clerk << '\t'
                  << e.publicationCode << '\t' << e.issueDate.toString(Qt::ISODate) << '\t'
                  << e.preset << '\t' << e.rows << " rows\t" << e.warnings << " warnings\t"
                  << e.sha256 << '\t' << e.fileName << '\n';
    ctx.out() << log->size() << " export(s)\n";
    ctx.out().flush();
    return ExitOk;
}

int runImport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("in"), QStringLiteral("CSV file of subscribers."),
                            QStringLiteral("FILE")));
    p.addOption(QCommandLineOption(QStringLiteral("dry-run"),
                                   QStringLiteral("Check everything and report; write nothing.")));
    p.addOption(QCommandLineOption(QStringLiteral("skip-invalid"),
                                   QStringLiteral(
                                       "Import the valid rows; write the others to --rejects.")));
    p.addOption(
        valueOption(QStringLiteral("rejects"),
                    QStringLiteral(
                        "Where --skip-invalid writes the invalid rows, with their reasons."),
                    QStringLiteral("FILE")));
    p.addOption(valueOption(QStringLiteral("mapping"),
                            QStringLiteral("JSON object {\"column header\": \"field\"} for headers "
                                           "not recognised (\"\" ignores a column)."),
                            QStringLiteral("FILE")));
    p.addOption(valueOption(QStringLiteral("encoding"),
                            QStringLiteral("utf-8 or windows-1252 (default: detected)."),
                            QStringLiteral("ENC")));
    p.addOption(valueOption(QStringLiteral("separator"),
                            QStringLiteral("';', ',', '|' or tab (default: detected)."),
                            QStringLiteral("SEP")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("JSON report.")));
    p.addOption(QCommandLineOption(
        QStringLiteral("quiet"),
        QStringLiteral("No progress on stderr (there is none when stderr is not a terminal).")));
    if (auto stop = parse(ctx, p,
                          QStringLiteral("Import subscribers from CSV (a routeur or complet "
                                         "export, or another system's file).\n"
                                         "All or nothing unless --skip-invalid; duplicates are "
                                         "reported, not created twice.")))
        return *stop;
    if (!p.isSet(QStringLiteral("in")))
        return ctx.usageError(QStringLiteral("--in is required"));
    if (p.isSet(QStringLiteral("skip-invalid")) != p.isSet(QStringLiteral("rejects")))
        return ctx.usageError(QStringLiteral("--skip-invalid and --rejects go together"));
    int code = ExitOk;
    const auto encoding = encodingOption(ctx, p, code);
    if (code != ExitOk)
        return code;
    const auto separator = separatorOption(ctx, p, code);
    if (code != ExitOk)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    Csv::ImportOptions o;
    o.inPath = p.value(QStringLiteral("in"));
    o.dryRun = p.isSet(QStringLiteral("dry-run"));
    o.skipInvalid = p.isSet(QStringLiteral("skip-invalid"));
    o.rejectsPath = p.value(QStringLiteral("rejects"));
    o.mappingPath = p.value(QStringLiteral("mapping"));
    o.encoding = encoding;
    o.separator = separator ? char(separator->unicode()) : 0;
    const bool quiet = p.isSet(QStringLiteral("quiet")) || p.isSet(QStringLiteral("json"))
                       || !stderrIsTerminal();
    o.progress = progressPrinter(ctx, quiet);
    QElapsedTimer timer;
    timer.start();
    auto r = Csv::importSubscribers(*store, o);
    if (!quiet)
        ctx.err() << '\n';
    if (!r)
        return ctx.fail(r.error());
    const QString name = QFileInfo(o.inPath).fileName();
    if (p.isSet(QStringLiteral("json"))) {
        auto issues = [&](const QList<Csv::ImportIssue> &list) {
            QJsonArray a;
            for (const Csv::ImportIssue &i : list)
                a << QJsonObject{{QStringLiteral("line"), i.line},
                                 {QStringLiteral("column"), i.column},
                                 {QStringLiteral("rule"), i.rule},
                                 {QStringLiteral("message"), i.message}};
            return a;
        };
        printJson(ctx,
                  QJsonObject{{QStringLiteral("file"), name},
                              {QStringLiteral("encoding"), Csv::encodingName(r->encoding)},
                              {QStringLiteral("separator"), QString(r->separator)},
                              {QStringLiteral("dry_run"), r->dryRun},
                              {QStringLiteral("rows"), r->rows},
                              {QStringLiteral("imported"), r->imported},
                              {QStringLiteral("duplicates"), r->duplicates},
                              {QStringLiteral("rejected"), r->rejected},
                              {QStringLiteral("rejects_file"), r->rejectsPath},
                              {QStringLiteral("mapping"), QJsonArray::fromStringList(r->mapping)},
                              {QStringLiteral("problems"), issues(r->problems)},
                              {QStringLiteral("notices"), issues(r->notices)}});
        return ExitOk;
    }
    // Every reason is in the rejects file and in --json; the terminal gets the first few.
    constexpr int shown = 20;
    QTextStream &err = ctx.err();
    for (const Csv::ImportIssue &i : r->problems.mid(0, shown))
        err << Csv::issuePlace(name, i) << ": " << i.message << " [" << i.rule << "] (rejected)\n";
    if (r->problems.size() > shown)
        err << "... " << r->problems.size() - shown << " more rejected row reason(s)\n";
    for (const Csv::ImportIssue &i : r->notices.mid(0, shown))
        err << Csv::issuePlace(name, i) << ": " << i.message << '\n';
    if (r->notices.size() > shown)
        err << "... " << r->notices.size() - shown << " more notice(s); --json lists them\n";
    err.flush();
    QTextStream &out = ctx.out();
    out << name << ": " << Csv::encodingName(r->encoding) << ", separator '"
        << (r->separator == u'\t' ? QStringLiteral("tab") : QString(r->separator)) << "'\n"
        << "rows " << r->rows << ", " << (r->dryRun ? "would import " : "imported ") << r->imported
        << ", duplicates " << r->duplicates << ", rejected " << r->rejected;
    if (!r->rejectsPath.isEmpty())
        out << " (in " << r->rejectsPath << ')';
    out << " (" << timer.elapsed() << " ms)"
        << (r->dryRun ? "\ndry run: nothing was written\n" : "\n");
    out.flush();
    return ExitOk;
}

const Registrar exportCommand(
    {QStringLiteral("export"),
     QStringLiteral("write an issue's delivery list: CSV, spreadsheet or label sheets"),
     runExport});
const Registrar exportsCommand({QStringLiteral("exports"),
                                QStringLiteral("list the exports made on this desk"), runExports});
const Registrar importCommand({QStringLiteral("import"),
                               QStringLiteral("import subscribers from CSV"), runImport});

} // namespace
} // namespace Relais::Cli
