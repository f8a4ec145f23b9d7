#include "complaintdialog.h"

#include "datefield.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Relais::Ui {

ComplaintDialog::ComplaintDialog(Store &store, const Subscription &subscription, QWidget *parent)
    : QDialog(parent), m_store(store), m_subscription(subscription)
{
    setWindowTitle(tr("Complaint"));
    // Readers call about the latest issue: default to the last issue day up to today.
    QDate issue = QDate::currentDate();
    if (const auto title = store.publicationById(subscription.publicationId)) {
        for (int i = 0; i < 7 && !title->weekdays.contains(issue); ++i)
            issue = issue.addDays(-1);
    }
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_issue = makeDateField(issue, this);
    m_issue->setObjectName(QStringLiteral("issue_date"));
    form->addRow(tr("&Issue of"), m_issue);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(Labels::complaintKind(ComplaintKind::NotReceived),
                    int(ComplaintKind::NotReceived));
    m_kind->addItem(Labels::complaintKind(ComplaintKind::Damaged), int(ComplaintKind::Damaged));
    form->addRow(tr("&Complaint"), m_kind);
    m_compensation = new QSpinBox(this);
    m_compensation->setObjectName(QStringLiteral("compensation_issues"));
    m_compensation->setRange(0, 365);
    m_compensation->setValue(1);
    // "1 numéro", "2 numéros": the suffix follows the number.
    const auto issuesSuffix = [this](int n) {
        m_compensation->setSuffix(tr(" issue(s)", "after a number", n));
    };
    connect(m_compensation, &QSpinBox::valueChanged, this, issuesSuffix);
    issuesSuffix(m_compensation->value());
    form->addRow(tr("&Push the end back by"), m_compensation);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("note"));
    form->addRow(tr("&Note"), m_note);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record the complaint"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ComplaintDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ComplaintDialog::reject);
}

void ComplaintDialog::accept()
{
    clearError(m_error);
    if (!m_issue->check()) {
        m_issue->setFocus();
        growToFit(this);
        return;
    }
    Complaint c;
    c.subscriptionId = m_subscription.meta.id;
    c.issueDate = m_issue->date();
    c.kind = ComplaintKind(m_kind->currentData().toInt());
    c.compensationIssues = m_compensation->value();
    c.note = m_note->text();
    auto r = m_store.addComplaint(c, m_subscription);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    QDialog::accept();
}

} // namespace Relais::Ui
