#include "overviewdialog.h"

#include "chartwidget.h"
#include "recordmodels.h"
#include "storeworker.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Relais::Ui {

OverviewDialog::OverviewDialog(StoreWorker *worker, QWidget *parent)
    : QDialog(parent), m_worker(worker)
{
    setWindowTitle(tr("Overview"));
    resize(760, 560);
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(tr("Counting…"), this);
    layout->addWidget(m_state);
    layout->addWidget(new QLabel(tr("<b>Active subscribers per title today</b>"), this));
    m_titles = new QTableWidget(0, 3, this);
    m_titles->setObjectName(QStringLiteral("titles"));
    m_titles->setHorizontalHeaderLabels({tr("Code"), tr("Title"), tr("Active subscribers")});
    m_titles->verticalHeader()->hide();
    m_titles->horizontalHeader()->setStretchLastSection(true);
    m_titles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_titles->setMaximumHeight(160);
    layout->addWidget(m_titles);
    layout->addWidget(new QLabel(tr("<b>Starts and stops per week</b> (last 12 weeks)"), this));
    m_chart = new ChartWidget(this);
    m_chart->setObjectName(QStringLiteral("chart"));
    layout->addWidget(m_chart, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(refresh, &QPushButton::clicked, this, &OverviewDialog::reload);
    reload();
}

void OverviewDialog::reload()
{
    const QDate today = QDate::currentDate();
    m_state->setText(tr("Counting…"));
    m_worker->post(
        this,
        [today](Store *store) -> std::optional<Overview> {
            if (!store)
                return std::nullopt;
            auto r = DeskQueries(store->db()).overview(today, 12);
            if (!r)
                return std::nullopt;
            return *r;
        },
        [this](std::optional<Overview> o) {
            if (!o) {
                m_state->setText(tr("The overview could not be computed."));
                return;
            }
            m_overview = *o;
            m_titles->setRowCount(int(o->titles.size()));
            qint64 total = 0;
            for (int i = 0; i < o->titles.size(); ++i) {
                const TitleCount &t = o->titles.at(i);
                m_titles->setItem(i, 0, new QTableWidgetItem(t.code));
                m_titles->setItem(i, 1, new QTableWidgetItem(t.name));
                auto *count = new QTableWidgetItem(QLocale().toString(t.activeSubscribers));
                count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_titles->setItem(i, 2, count);
                total += t.activeSubscribers;
            }
            m_titles->resizeColumnsToContents();
            m_chart->setWeeks(o->weeks);
            m_state->setText(tr("On %1: %2 active subscribers summed over %n title(s).", nullptr,
                                int(o->titles.size()))
                                 .arg(Labels::date(o->day), QLocale().toString(total)));
            emit reloaded();
        });
}

} // namespace Relais::Ui
