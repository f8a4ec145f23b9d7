#pragma once
// Starts and stops per week drawn as paired bars (QPainter; no chart library on the desks).

#include "deskqueries.h"

#include <QWidget>

namespace Relais::Ui {

class ChartWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ChartWidget(QWidget *parent = nullptr);
    void setWeeks(const QList<WeekFlow> &weeks);
    QSize sizeHint() const override { return {640, 280}; }
    // The top of the scale for a largest value: a round number whose quarters are whole (198 -> 200,
    // so the grid reads 50, 100, 150, 200).
    static qint64 scaleTop(qint64 largest);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<WeekFlow> m_weeks;
};

} // namespace Relais::Ui
