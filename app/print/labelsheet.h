#pragma once
// Sheets of address labels for titles that print their own: the delivery list of an issue in
// presort order, one label per line, the NF Z10-011 block (L1 to L6, and the country abroad) in a
// legible sans-serif font, on A4 sheets of the usual layouts (3x7 63.5x38.1 mm like Avery L7160,
// 2x7 99.1x38.1 mm like L7163). A label's text is made smaller to fit, never cut; a line that fits
// only below the legible size goes to the warnings file, as for the CSV.

#include "csvexport.h"

#include <QMarginsF>
#include <QSizeF>

class QPagedPaintDevice;

namespace Relais::Print {

struct LabelLayout
{
    QString name;        // "L7160"
    QString description; // translated
    int columns = 3;
    int rows = 7;
    QSizeF labelMm;   // one label
    double topMm = 0; // sheet edge to the first label
    double leftMm = 0;
    double pitchXMm = 0; // label start to the next one's
    double pitchYMm = 0;

    int perSheet() const { return columns * rows; }
};

// L7160 (3x7, 63.5x38.1 mm) and L7163 (2x7, 99.1x38.1 mm), A4.
const QList<LabelLayout> &labelLayouts();
// NotFound naming the layouts for an unknown name.
Result<LabelLayout> labelLayout(const QString &name);

struct LabelOptions
{
    QString layout = QStringLiteral("L7160");
    // The sheet's margins, when a printer or a brand of sheets needs the grid moved (negative: none
    // given, the layout's own).
    double topMm = -1;
    double leftMm = -1;
    double fontPt = 9;       // the size a label starts at
    double minLegiblePt = 6; // below this a line is reported
};

// The export to a PDF file (QPdfWriter), in the export log as "<preset> (pdf)". The warnings file
// lists the lines that do not fit 38 characters (as for the CSV) and those that do not fit the label.
Result<Csv::ExportSummary> exportLabels(Store &store, const Csv::ExportOptions &options,
                                        const LabelOptions &labels);
// The same labels onto a printer (QPrinter is a QPagedPaintDevice); no file, so `options.outPath`
// only names the warnings file (empty: none).
Result<Csv::ExportSummary> printLabels(Store &store, const Csv::ExportOptions &options,
                                       const LabelOptions &labels, QPagedPaintDevice *device);

} // namespace Relais::Print
