#pragma once
// The issue report: the one page a circulation manager checks and signs before the print run of
// one title's issue. Copies by département and by delivery mode, adds and drops since the previous
// issue, holds and holiday addresses in force, complaints about the previous issue. Built from
// the same delivery list as the exports; painted with QPainter onto a PDF or a printer.

#include "store.h"

#include <QDate>
#include <QDateTime>

class QPagedPaintDevice;

namespace Relais::Print {

struct IssueReport
{
    struct Row
    {
        QString key;   // "75", "2A", "971", "abroad"; "home", "holiday", "abroad"
        QString label; // translated
        qint64 lines = 0;
        qint64 copies = 0;
    };

    QString publicationCode;
    QString publicationName;
    QDate date;
    QDate previousIssue; // invalid when the title has no earlier issue day within a week
    qint64 lines = 0;
    qint64 copies = 0;
    QList<Row> byDepartement;    // by key: 01 ... 95, 2A, 2B, 971 ..., then abroad
    QList<Row> byMode;           // home (France), holiday address, abroad
    qint64 adds = 0;             // subscriptions delivered on `date`, not on the previous issue
    qint64 drops = 0;            // delivered on the previous issue, not on `date`
    qint64 addressChanges = 0;   // delivered on both, to another address
    qint64 holds = 0;            // in force on `date`
    qint64 holidayAddresses = 0; // in force on `date`
    qint64 complaintsNotReceived = 0; // about the previous issue
    qint64 complaintsDamaged = 0;
    QDateTime generatedAt;
    QString clerk;
};

// The département of a French postal code ("01000" -> "01", "20000" -> "2A" through the reference
// data, "97110" -> "971"); "" when it cannot be told.
QString departementOf(const QString &postalCode);

Result<IssueReport> buildIssueReport(Store &store, const QString &publicationCode, QDate date);
// Paints the report on one page of `device` (a QPdfWriter, a QPrinter).
Status paintIssueReport(const IssueReport &report, QPagedPaintDevice *device);
// Writes it as a one-page A4 PDF, all or nothing.
Status writeIssueReportPdf(const IssueReport &report, const QString &path);

} // namespace Relais::Print
