#include "chartwidget.h"

#include <QLocale>
#include <QPainter>

namespace Relais::Ui {

namespace {
const QColor kStarts(0x2e, 0x7d, 0x32);
const QColor kStops(0xc6, 0x28, 0x28);
} // namespace

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(200);
    setAccessibleName(tr("Starts and stops per week"));
}

void ChartWidget::setWeeks(const QList<WeekFlow> &weeks)
{
    m_weeks = weeks;
    QStringList text;
    for (const WeekFlow &w : weeks)
        text << tr("week of %1: %2 starts, %3 stops")
                    .arg(w.weekStart.toString(QStringLiteral("dd/MM/yyyy")),
                         QLocale().toString(w.starts), QLocale().toString(w.stops));
    setAccessibleDescription(text.join(QStringLiteral("; ")));
    update();
}

qint64 ChartWidget::scaleTop(qint64 largest)
{
    largest = qMax<qint64>(1, largest);
    qint64 unit = 1;
    while (unit * 10 < largest)
        unit *= 10;
    for (;; unit *= 10)
        for (const qint64 f : {1, 2, 4, 5, 8, 10}) {
            const qint64 top = unit * f;
            if (top >= largest && top % 4 == 0)
                return top;
        }
}

void ChartWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm = fontMetrics();
    const int legendHeight = fm.height() + 8;
    const int axisHeight = fm.height() + 6;
    qint64 maxValue = 1;
    for (const WeekFlow &w : std::as_const(m_weeks))
        maxValue = qMax(maxValue, qMax(w.starts, w.stops));
    maxValue = scaleTop(maxValue);
    const int left = fm.horizontalAdvance(QLocale().toString(maxValue)) + 12;
    const QRect plot(left, legendHeight, width() - left - 10,
                     height() - legendHeight - axisHeight - 4);
    if (plot.width() <= 0 || plot.height() <= 0)
        return;

    // Legend.
    int x = left;
    for (const auto &[color, label] :
         {std::pair{kStarts, tr("Starts")}, std::pair{kStops, tr("Stops")}}) {
        p.fillRect(QRect(x, 4, 12, 12), color);
        p.setPen(palette().text().color());
        p.drawText(x + 16, 4 + fm.ascent(), label);
        x += 16 + fm.horizontalAdvance(label) + 20;
    }

    // Grid with four steps.
    p.setPen(palette().mid().color());
    for (int i = 0; i <= 4; ++i) {
        const int y = plot.bottom() - plot.height() * i / 4;
        p.drawLine(plot.left(), y, plot.right(), y);
        const QString value = QLocale().toString(maxValue * i / 4); // grouped as every number
        p.drawText(QRect(0, y - fm.height() / 2, left - 6, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, value);
    }
    if (m_weeks.isEmpty())
        return;
    const double slot = double(plot.width()) / m_weeks.size();
    const double bar = qMax(2.0, slot * 0.35);
    for (int i = 0; i < m_weeks.size(); ++i) {
        const WeekFlow &w = m_weeks.at(i);
        const double x0 = plot.left() + i * slot + slot * 0.1;
        const double hStarts = double(plot.height()) * w.starts / maxValue;
        const double hStops = double(plot.height()) * w.stops / maxValue;
        p.fillRect(QRectF(x0, plot.bottom() - hStarts, bar, hStarts), kStarts);
        p.fillRect(QRectF(x0 + bar, plot.bottom() - hStops, bar, hStops), kStops);
        p.setPen(palette().text().color());
        p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, axisHeight),
                   Qt::AlignHCenter | Qt::AlignTop, w.weekStart.toString(QStringLiteral("dd/MM")));
    }
}

} // namespace Relais::Ui
