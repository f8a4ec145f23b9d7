#include "worklistsdialog.h"

#include "deskqueries.h"
#include "formutil.h"
#include "recordmodels.h"
#include "storeworker.h"
#include "worklistmodel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScreen>
#include <QScrollBar>
#include <QLabel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Relais::Ui {

namespace {
QTableView *makeView(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *v = new QTableView(parent);
    v->setObjectName(name);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(v->fontMetrics().height() + 6);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setAlternatingRowColors(true);
    v->setTabKeyNavigation(false);
    return v;
}
} // namespace

WorklistsDialog::WorklistsDialog(StoreWorker *worker, QWidget *parent) : QDialog(parent), m_worker(worker)
{
    setWindowTitle(tr("Worklists"));
    resize(940, 560);
    m_expiring = new ExpiringModel(this);
    m_starting = new ChangeStartModel(this);
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    auto *expiringPage = new QWidget;
    auto *ev = new QVBoxLayout(expiringPage);
    auto *row = new QHBoxLayout;
    auto *daysLabel = new QLabel(tr("Terms ending within the next"), expiringPage);
    m_days = new QSpinBox(expiringPage);
    m_days->setObjectName(QStringLiteral("days"));
    m_days->setRange(1, 365);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    daysLabel->setBuddy(m_days);
    row->addWidget(daysLabel);
    row->addWidget(m_days);
    row->addStretch();
    m_expiringCount = new QLabel(expiringPage);
    row->addWidget(m_expiringCount);
    ev->addLayout(row);
    m_expiringView = makeView(m_expiring, expiringPage, QStringLiteral("expiring"));
    ev->addWidget(m_expiringView);
    m_tabs->addTab(expiringPage, tr("&Expiring"));

    auto *startingPage = new QWidget;
    auto *sv = new QVBoxLayout(startingPage);
    m_startingCount = new QLabel(startingPage);
    sv->addWidget(m_startingCount);
    m_startingView = makeView(m_starting, startingPage, QStringLiteral("starting"));
    sv->addWidget(m_startingView);
    m_tabs->addTab(startingPage, tr("&Starting tomorrow"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    connect(m_days, &QSpinBox::valueChanged, this, &WorklistsDialog::reload);
    for (QTableView *v : {m_expiringView, m_startingView}) {
        v->installEventFilter(this);
        connect(v, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
            emit openSubscriber(i.data(ExpiringModel::SeqRole).toLongLong());
        });
    }
    reload();
}

bool WorklistsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto *view = qobject_cast<QTableView *>(watched);
        if (view && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && view->currentIndex().isValid()) {
            emit openSubscriber(view->currentIndex().data(ExpiringModel::SeqRole).toLongLong());
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

int WorklistsDialog::tableWidth(QTableView *view)
{
    int width = 2 * view->frameWidth() + view->verticalScrollBar()->sizeHint().width();
    for (int c = 0; c < view->horizontalHeader()->count(); ++c)
        width += view->isColumnHidden(c) ? 0 : view->columnWidth(c);
    return width;
}

void WorklistsDialog::fitToTables()
{
    // Wide enough for every column of the lists, within the screen: no column cut off to the right.
    const int wanted = qMax(tableWidth(m_expiringView), tableWidth(m_startingView));
    const QMargins margins = layout()->contentsMargins();
    const int chrome = width() - m_expiringView->width() > 0 ? width() - m_expiringView->width()
                                                             : margins.left() + margins.right() + 24;
    int limit = 1280;
    if (const QScreen *s = screen())
        limit = s->availableGeometry().width() - 40;
    const int target = qMin(limit, wanted + chrome);
    if (target > width())
        resize(target, height());
}

void WorklistsDialog::reload()
{
    const QDate today = QDate::currentDate();
    const int days = m_days->value();
    m_pending += 2;
    auto finishOne = [this] {
        if (--m_pending == 0)
            emit reloaded();
    };
    m_worker->post(
        this,
        [today, days](Store *store) -> QList<ExpiringRow> {
            if (!store)
                return {};
            auto r = DeskQueries(store->db()).expiringBetween(today, days);
            return r ? *r : QList<ExpiringRow>();
        },
        [this, finishOne](QList<ExpiringRow> rows) {
            m_expiringCount->setText(tr("%n subscription(s)", nullptr, int(rows.size())));
            m_expiring->setRows(std::move(rows));
            fitColumns(m_expiringView);
            fitToTables();
            finishOne();
        });
    m_worker->post(
        this,
        [today](Store *store) -> QList<ChangeStartRow> {
            if (!store)
                return {};
            auto r = DeskQueries(store->db()).changesStartingOn(today.addDays(1));
            return r ? *r : QList<ChangeStartRow>();
        },
        [this, today, finishOne](QList<ChangeStartRow> rows) {
            m_startingCount->setText(tr("Holds and holiday addresses starting on %1: %2")
                                         .arg(Labels::date(today.addDays(1)))
                                         .arg(rows.size()));
            m_starting->setRows(std::move(rows));
            fitColumns(m_startingView);
            fitToTables();
            finishOne();
        });
}

} // namespace Relais::Ui
