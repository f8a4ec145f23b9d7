#pragma once
// The delivery list as a spreadsheet (.xlsx, through libxlsxwriter): the same columns as the CSV,
// but postal codes, subscriber numbers and phones are text cells (a spreadsheet keeps 01000 and
// 00001039 as typed), copies are numbers, dates are dates shown in the clerk's locale, and a name
// starting with "=" is text, never a formula. Header row frozen, column widths fitted.

#include "exportsink.h"

#include <QDate>

#include <memory>

namespace Relais::Csv {

// "LQC 2026-06-03": a worksheet name (at most 31 characters, none of []:*?/\).
QString xlsxSheetName(const QString &publicationCode, QDate date);

std::unique_ptr<ExportSink> makeXlsxSink(const QString &sheetName);

// The Excel number format of a date in `locale`'s short form, with four-digit years:
// fr_FR "dd/mm/yyyy", en_US "m/d/yyyy".
QString xlsxDateFormat(const QLocale &locale);

} // namespace Relais::Csv
