#pragma once
// Validation::foldForPostal with a fast path: most address text is plain ASCII, for which folding
// is upper-casing letters and digits and turning everything else into single spaces; only text
// with other characters pays for Unicode decomposition. Same result as foldForPostal.

#include "validation.h"

namespace Relais::Csv {

inline QString foldPostal(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x80)
            return Validation::foldForPostal(text);
        const bool lower = u >= u'a' && u <= u'z';
        if (lower || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')) {
            if (pendingSpace && !out.isEmpty())
                out += u' ';
            pendingSpace = false;
            out += QChar(lower ? char16_t(u - 32) : u);
        } else {
            pendingSpace = true;
        }
    }
    return out;
}

} // namespace Relais::Csv
