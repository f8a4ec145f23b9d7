// relaisctl report: the issue report a circulation manager signs before the print run (PDF).

#include "cli.h"
#include "issuereport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace Relais::Cli {
namespace {

QJsonArray rows(const QList<Print::IssueReport::Row> &list)
{
    QJsonArray a;
    for (const Print::IssueReport::Row &r : list)
        a << QJsonObject{{QStringLiteral("key"), r.key},
                         {QStringLiteral("lines"), r.lines},
                         {QStringLiteral("copies"), r.copies}};
    return a;
}

int runReport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(valueOption(QStringLiteral("publication"), QStringLiteral("Title code."),
                            QStringLiteral("CODE")));
    p.addOption(valueOption(QStringLiteral("date"), QStringLiteral("Issue date (YYYY-MM-DD)."),
                            QStringLiteral("DATE")));
    p.addOption(valueOption(QStringLiteral("out"),
                            QStringLiteral("PDF file to write (one A4 page)."),
                            QStringLiteral("FILE")));
    p.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("The figures as JSON.")));
    if (auto stop = parse(
            ctx, p,
            QStringLiteral(
                "Write the issue report of a title as a one-page PDF: copies by departement and "
                "by\n"
                "delivery mode, adds and drops since the previous issue, holds and holiday\n"
                "addresses in force, complaints about the previous issue; and print its figures.")))
        return *stop;
    if (!p.isSet(QStringLiteral("publication")))
        return ctx.usageError(QStringLiteral("--publication is required"));
    if (!p.isSet(QStringLiteral("out")))
        return ctx.usageError(QStringLiteral("--out is required"));
    int code = ExitOk;
    const auto date = dateOption(ctx, p, QStringLiteral("date"), true, code);
    if (!date)
        return code;
    Store *store = ctx.store();
    if (!store)
        return ctx.failStoreOpen();
    auto r = Print::buildIssueReport(*store, p.value(QStringLiteral("publication")), *date);
    if (!r)
        return ctx.fail(r.error());
    const QString out = p.value(QStringLiteral("out"));
    if (Status s = Print::writeIssueReportPdf(*r, out); !s)
        return ctx.fail(s.error());
    if (p.isSet(QStringLiteral("json"))) {
        printJson(ctx,
                  QJsonObject{{QStringLiteral("file"), QFileInfo(out).absoluteFilePath()},
                              {QStringLiteral("publication"), r->publicationCode},
                              {QStringLiteral("date"), r->date.toString(Qt::ISODate)},
                              {QStringLiteral("previous_issue"),
                               r->previousIssue.toString(Qt::ISODate)},
                              {QStringLiteral("lines"), r->lines},
                              {QStringLiteral("copies"), r->copies},
                              {QStringLiteral("adds"), r->adds},
                              {QStringLiteral("drops"), r->drops},
                              {QStringLiteral("address_changes"), r->addressChanges},
                              {QStringLiteral("holds"), r->holds},
                              {QStringLiteral("holiday_addresses"), r->holidayAddresses},
                              {QStringLiteral("complaints_not_received"), r->complaintsNotReceived},
                              {QStringLiteral("complaints_damaged"), r->complaintsDamaged},
                              {QStringLiteral("by_mode"), rows(r->byMode)},
                              {QStringLiteral("by_departement"), rows(r->byDepartement)}});
        return ExitOk;
    }
    QTextStream &o = ctx.out();
    o << r->publicationCode << ' ' << r->date.toString(Qt::ISODate) << ": lines " << r->lines
      << ", copies " << r->copies << "\nsince "
      << (r->previousIssue.isValid() ? r->previousIssue.toString(Qt::ISODate) : QStringLiteral("-"))
      << ": adds " << r->adds << ", drops " << r->drops << ", address changes " << r->addressChanges
      << "\nin force: holds " << r->holds << ", holiday addresses " << r->holidayAddresses
      << "\ncomplaints about the previous issue: not received " << r->complaintsNotReceived
      << ", damaged " << r->complaintsDamaged << '\n';
    for (const Print::IssueReport::Row &m : r->byMode)
        o << "mode " << m.key << ": lines " << m.lines << ", copies " << m.copies << '\n';
    o << "written " << QFileInfo(out).absoluteFilePath() << '\n';
    o.flush();
    return ExitOk;
}

const Registrar reportCommand(
    {QStringLiteral("report"),
     QStringLiteral("the issue report to sign before the print run (PDF)"), runReport});

} // namespace
} // namespace Relais::Cli
