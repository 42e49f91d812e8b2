//! The status codes: the send status table (100…118) and the delivery statuses (1…5).

use core::fmt;

/// `status` after a send ("TABLEAU DES STATUTS SMS APRES ENVOI"). 100 and 101 are
/// successes; every other code is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "u16", from = "u16"))]
#[non_exhaustive]
pub enum StatusCode {
    /// 100 "Le message a été envoyé".
    Sent,
    /// 101 "Le message a été programmé pour un envoi différé".
    Scheduled,
    /// 102 "Problème de connexion – Aucun compte ne correspond aux clientcode et passcode
    /// spécifiés": the login or API key is wrong.
    AuthenticationFailed,
    /// 103 "Crédit SMS épuisé".
    CreditExhausted,
    /// 104 "Crédit insuffisant pour traiter cet envoi".
    InsufficientCredit,
    /// 105 "Flux XML Vide".
    EmptyPayload,
    /// 106, 107, 109, 112 "Flux XML invalide ou incomplet après la balise" (the tag name
    /// was lost from the documentation; the server's `statusText` names it).
    InvalidPayload(u16),
    /// 108 "Le code CLIENT donné dans le flux XML est incorrect".
    WrongClientCode,
    /// 110 "Message non défini (vide) dans le flux XML".
    EmptyMessage,
    /// 111 "Le message dépasse 640 caractères".
    MessageTooLong,
    /// 113 "Certains numéros de téléphone sont invalides ou non pris en charge".
    SomeNumbersInvalid,
    /// 114 "Aucun numéro de téléphone valide dans le flux".
    NoValidNumber,
    /// 115 "Flux XML invalide ou date mal formatée".
    InvalidDate,
    /// 117 "Lien trop long, dépasse les 80 caractères".
    LinkTooLong,
    /// 118 "Le compte maître spécifié n'existe pas".
    UnknownMasterAccount,
    /// Any other code (116 is absent from the table).
    Unknown(u16),
}

impl From<StatusCode> for u16 {
    fn from(status: StatusCode) -> Self {
        status.code()
    }
}

impl From<u16> for StatusCode {
    fn from(code: u16) -> Self {
        Self::from_code(code)
    }
}

impl StatusCode {
    /// The status for a code.
    ///
    /// ```
    /// use allmysms::StatusCode;
    ///
    /// assert_eq!(StatusCode::from_code(101), StatusCode::Scheduled);
    /// assert_eq!(StatusCode::from_code(107), StatusCode::InvalidPayload(107));
    /// assert_eq!(StatusCode::from_code(116), StatusCode::Unknown(116));
    /// ```
    pub fn from_code(code: u16) -> Self {
        match code {
            100 => Self::Sent,
            101 => Self::Scheduled,
            102 => Self::AuthenticationFailed,
            103 => Self::CreditExhausted,
            104 => Self::InsufficientCredit,
            105 => Self::EmptyPayload,
            106 | 107 | 109 | 112 => Self::InvalidPayload(code),
            108 => Self::WrongClientCode,
            110 => Self::EmptyMessage,
            111 => Self::MessageTooLong,
            113 => Self::SomeNumbersInvalid,
            114 => Self::NoValidNumber,
            115 => Self::InvalidDate,
            117 => Self::LinkTooLong,
            118 => Self::UnknownMasterAccount,
            other => Self::Unknown(other),
        }
    }

    /// The numeric code.
    ///
    /// ```
    /// # use allmysms::StatusCode;
    /// assert_eq!(StatusCode::NoValidNumber.code(), 114);
    /// ```
    pub fn code(self) -> u16 {
        match self {
            Self::Sent => 100,
            Self::Scheduled => 101,
            Self::AuthenticationFailed => 102,
            Self::CreditExhausted => 103,
            Self::InsufficientCredit => 104,
            Self::EmptyPayload => 105,
            Self::InvalidPayload(code) | Self::Unknown(code) => code,
            Self::WrongClientCode => 108,
            Self::EmptyMessage => 110,
            Self::MessageTooLong => 111,
            Self::SomeNumbersInvalid => 113,
            Self::NoValidNumber => 114,
            Self::InvalidDate => 115,
            Self::LinkTooLong => 117,
            Self::UnknownMasterAccount => 118,
        }
    }

    /// Whether the message was sent (100) or scheduled (101).
    ///
    /// ```
    /// # use allmysms::StatusCode;
    /// assert!(StatusCode::Scheduled.is_success() && !StatusCode::CreditExhausted.is_success());
    /// ```
    pub fn is_success(self) -> bool {
        matches!(self, Self::Sent | Self::Scheduled)
    }

    /// The documentation's French text (tag names were lost from the page, so a few
    /// texts are truncated: the server's `statusText` is the complete one).
    ///
    /// ```
    /// # use allmysms::StatusCode;
    /// assert_eq!(StatusCode::Sent.french_text(), "Le message a été envoyé");
    /// ```
    pub fn french_text(self) -> &'static str {
        match self {
            Self::Sent => "Le message a été envoyé",
            Self::Scheduled => "Le message a été programmé pour un envoi différé",
            Self::AuthenticationFailed => {
                "Problème de connexion – Aucun compte ne correspond aux clientcode et passcode spécifiés"
            }
            Self::CreditExhausted => {
                "Crédit SMS épuisé. Veuillez re-créditer votre compte sur AllMySMS.com"
            }
            Self::InsufficientCredit => {
                "Crédit insuffisant pour traiter cet envoi. A utiliser: XX Crédits, Disponibles: YY Crédits. Veuillez re-créditer votre compte sur AllMySMS.com"
            }
            Self::EmptyPayload => "Flux XML Vide",
            Self::InvalidPayload(_) => "Flux XML invalide ou incomplet après la balise",
            Self::WrongClientCode => {
                "Le code CLIENT donné dans le flux XML est incorrect, il doit correspondre au clientcode en majuscule"
            }
            Self::EmptyMessage => "Message non défini (vide) dans le flux XML",
            Self::MessageTooLong => "Le message dépasse 640 caractères",
            Self::SomeNumbersInvalid => {
                "Certains numéros de téléphone sont invalides ou non pris en charge"
            }
            Self::NoValidNumber => {
                "Aucun numéro de téléphone valide dans le flux. Veuillez-vous référer à la documentation en ligne pour connaitre les formats valides."
            }
            Self::InvalidDate => "Flux XML invalide ou date mal formatée entre les balises et",
            Self::LinkTooLong => "Balise – Lien trop long, dépasse les 80 caractères",
            Self::UnknownMasterAccount => "Le compte maître spécifié n’existe pas",
            Self::Unknown(_) => "code non documenté",
        }
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.french_text())
    }
}

/// A delivery status (getAcks `statut`, the delivery webhook's `status`). Known from
/// public client code, in English only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "i64", from = "i64"))]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// 1 "Issued": delivered.
    Delivered,
    /// 2 "Not delivered (sent by Operator)".
    NotDelivered,
    /// 3 "Transmitted to operator".
    TransmittedToOperator,
    /// 4 "Message rejected".
    MessageRejected,
    /// 5 "SMS rejected" (unknown number or absent subscriber, probably).
    SmsRejected,
    /// Any other value.
    Unknown(i64),
}

impl From<DeliveryStatus> for i64 {
    fn from(status: DeliveryStatus) -> Self {
        status.code()
    }
}

impl From<i64> for DeliveryStatus {
    fn from(code: i64) -> Self {
        Self::from_code(code)
    }
}

impl DeliveryStatus {
    /// The status for a code.
    ///
    /// ```
    /// use allmysms::DeliveryStatus;
    ///
    /// assert_eq!(DeliveryStatus::from_code(1), DeliveryStatus::Delivered);
    /// assert_eq!(DeliveryStatus::from_code(9), DeliveryStatus::Unknown(9));
    /// ```
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Delivered,
            2 => Self::NotDelivered,
            3 => Self::TransmittedToOperator,
            4 => Self::MessageRejected,
            5 => Self::SmsRejected,
            other => Self::Unknown(other),
        }
    }

    /// The numeric code.
    ///
    /// ```
    /// # use allmysms::DeliveryStatus;
    /// assert_eq!(DeliveryStatus::SmsRejected.code(), 5);
    /// ```
    pub fn code(self) -> i64 {
        match self {
            Self::Delivered => 1,
            Self::NotDelivered => 2,
            Self::TransmittedToOperator => 3,
            Self::MessageRejected => 4,
            Self::SmsRejected => 5,
            Self::Unknown(code) => code,
        }
    }

    /// The English label public clients use.
    ///
    /// ```
    /// # use allmysms::DeliveryStatus;
    /// assert_eq!(DeliveryStatus::TransmittedToOperator.label(), "Transmitted to operator");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Self::Delivered => "Issued",
            Self::NotDelivered => "Not delivered (sent by Operator)",
            Self::TransmittedToOperator => "Transmitted to operator",
            Self::MessageRejected => "Message rejected",
            Self::SmsRejected => "SMS rejected",
            Self::Unknown(_) => "unknown",
        }
    }

    /// Whether the status is final (delivered or failed).
    ///
    /// ```
    /// # use allmysms::DeliveryStatus;
    /// assert!(DeliveryStatus::Delivered.is_final() && !DeliveryStatus::TransmittedToOperator.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Delivered | Self::NotDelivered | Self::MessageRejected | Self::SmsRejected
        )
    }
}

impl fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.label())
    }
}
