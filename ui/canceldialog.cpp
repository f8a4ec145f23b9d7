#include "canceldialog.h"

#include "datefield.h"
#include "formutil.h"
#include "recordmodels.h"
#include "store.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Relais::Ui {

CancelDialog::CancelDialog(Store &store, const Subscription &subscription, QWidget *parent)
    : QDialog(parent), m_store(store), m_subscription(subscription)
{
    setWindowTitle(tr("Cancel subscription"));
    const auto title = store.publicationById(subscription.publicationId);
    m_now = title ? title->firstIssueReachedBy(QDateTime::currentDateTime())
                  : QDate::currentDate().addDays(1);
    if (!m_now.isValid())
        m_now = QDate::currentDate().addDays(1);

    auto *layout = new QVBoxLayout(this);
    m_whenNow = new QRadioButton(tr("&Now: the last issue delivered is the one before %1")
                                     .arg(Labels::date(m_now)),
                                 this);
    m_whenNow->setObjectName(QStringLiteral("when_now"));
    m_whenEnd = new QRadioButton(this);
    m_whenEnd->setObjectName(QStringLiteral("when_end"));
    if (subscription.end.isValid())
        m_whenEnd->setText(
            tr("At the &end of the term (last issue on %1)").arg(Labels::date(subscription.end)));
    else
        m_whenEnd->setText(tr("At the &end of the term (this subscription has none)"));
    m_whenEnd->setEnabled(subscription.end.isValid());
    m_whenDate = new QRadioButton(tr("From a &date (first issue not delivered):"), this);
    m_whenDate->setObjectName(QStringLiteral("when_date"));
    m_date = makeDateField(m_now, this);
    m_date->setObjectName(QStringLiteral("date"));
    m_date->setEnabled(false);
    layout->addWidget(m_whenNow);
    layout->addWidget(m_whenEnd);
    layout->addWidget(m_whenDate);
    layout->addWidget(m_date);
    auto *form = new QFormLayout;
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->addItem(QString());
    for (const QString &code : Labels::cancelReasonCodes())
        m_reason->addItem(Labels::cancelReason(code), code);
    m_reason->lineEdit()->setPlaceholderText(tr("Required"));
    form->addRow(tr("&Reason"), m_reason);
    layout->addLayout(form);
    m_info = new QLabel(this);
    m_info->setWordWrap(true);
    layout->addWidget(m_info);
    m_error = makeErrorLabel(this);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Cancel the subscription"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Keep it"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &CancelDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CancelDialog::reject);
    for (QRadioButton *b : {m_whenNow, m_whenEnd, m_whenDate})
        connect(b, &QRadioButton::toggled, this, &CancelDialog::updateInfo);
    connect(m_date, &DateField::edited, this, &CancelDialog::updateInfo);
    // The message about a missing reason goes as soon as one is chosen or typed.
    connect(m_reason, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        if (!text.trimmed().isEmpty())
            clearError(m_error);
    });
    // Nothing is chosen for the clerk: when the subscription stops is theirs to say.
    m_when = new QButtonGroup(this);
    m_when->setExclusive(true);
    for (QRadioButton *b : {m_whenNow, m_whenEnd, m_whenDate})
        m_when->addButton(b);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    updateInfo();
    m_whenNow->setFocus();
}

QDate CancelDialog::cancelDate() const
{
    if (m_whenEnd->isChecked() && m_subscription.end.isValid())
        return m_subscription.end.addDays(1);
    if (m_whenDate->isChecked())
        return m_date->date();
    if (m_whenNow->isChecked())
        return m_now;
    return {};
}

void CancelDialog::updateInfo()
{
    m_date->setEnabled(m_whenDate->isChecked());
    const QDate date = cancelDate();
    m_info->setText(date.isValid()
                        ? tr("Delivered up to %1 inclusive.").arg(Labels::date(date.addDays(-1)))
                        : QString());
    if (m_when->checkedButton())
        clearError(m_error);
}

void CancelDialog::accept()
{
    clearError(m_error);
    if (!m_when->checkedButton()) {
        m_error->setText(
            tr("Choose when the subscription stops: now, at the end of the term or from a date."));
        m_error->show();
        growToFit(this);
        m_whenNow->setFocus();
        return;
    }
    if (m_whenDate->isChecked() && !m_date->check()) {
        m_date->setFocus();
        growToFit(this);
        return;
    }
    // A reason chosen from the list is stored as its code, shown in the clerk's language.
    const int index = m_reason->findText(m_reason->currentText());
    const QString reason = index > 0 && !m_reason->itemData(index).toString().isEmpty()
                               ? m_reason->itemData(index).toString()
                               : m_reason->currentText();
    // The subscription as the dialog loaded it is the base of the change.
    auto r = m_store.cancelSubscription(m_subscription, cancelDate(), reason);
    if (!r) {
        showError(m_error, r.error());
        return;
    }
    QDialog::accept();
}

} // namespace Relais::Ui
