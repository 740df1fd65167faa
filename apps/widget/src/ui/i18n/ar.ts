import { isolate, plural, replyTime, sizeIn } from './format.ts';
import type { Strings } from './strings.ts';

/**
 * Arabic (Modern Standard), right to left. Counted phrases take all six plural forms: a noun
 * after 3–10 is plural, after 11–99 singular accusative, after 100 singular genitive.
 */
const lang = 'ar';

export const ar: Strings = {
  lang,
  dir: 'rtl',
  openChat: 'فتح المحادثة',
  closeChat: 'إغلاق المحادثة',
  title: 'تحدّث معنا',
  subtitle: 'نرد عادةً خلال دقائق قليلة',
  messages: 'الرسائل',
  placeholder: 'اكتب رسالة…',
  send: 'إرسال',
  sending: 'جارٍ الإرسال…',
  failed: 'لم تُرسَل.',
  retry: 'إعادة المحاولة',
  earlier: 'عرض الرسائل السابقة',
  typing: 'فريق الدعم يكتب…',
  offline: 'أنت غير متصل بالإنترنت. ستُرسَل الرسائل عند عودة الاتصال.',
  reconnecting: 'جارٍ إعادة الاتصال…',
  booting: 'جارٍ الاتصال…',
  unread: (n) =>
    plural(lang, n, {
      zero: 'لا توجد رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: '# رسائل غير مقروءة',
      many: '# رسالة غير مقروءة',
      other: '# رسالة غير مقروءة',
    }),
  prechatTitle: 'قبل أن نبدأ',
  prechatSubmit: 'بدء المحادثة',
  choose: 'اختر…',
  requiredMark: '(مطلوب)',
  fieldError: (message) => `${message}.`,
  prechatFix: (n) =>
    plural(lang, n, {
      one: 'يُرجى تصحيح الحقل المُشار إليه.',
      two: 'يُرجى تصحيح الحقلين المُشار إليهما.',
      few: 'يُرجى تصحيح # حقول مُشار إليها.',
      many: 'يُرجى تصحيح # حقلًا مُشارًا إليه.',
      other: 'يُرجى تصحيح # حقل مُشار إليه.',
    }),
  ratingTitle: 'كيف كانت هذه المحادثة؟',
  ratingComment: 'هل تود إضافة شيء؟ (اختياري)',
  ratingSubmit: 'إرسال التقييم',
  ratingThanks: 'شكرًا لتقييمك!',
  stars: (n) =>
    plural(lang, n, {
      one: 'نجمة واحدة من خمس',
      two: 'نجمتان من خمس',
      few: '# نجوم من خمس',
      other: '# نجمة من خمس',
    }),
  edit: 'تعديل',
  editMessage: 'تعديل الرسالة',
  editLabel: 'عدّل رسالتك',
  delete: 'حذف',
  deleteMessage: 'حذف الرسالة',
  confirmDelete: 'هل تريد حذف هذه الرسالة؟',
  save: 'حفظ',
  cancel: 'إلغاء',
  edited: 'معدّلة',
  viaEmail: 'أُرسلت بالبريد الإلكتروني',
  deleted: 'حُذفت هذه الرسالة.',
  changeFailed: 'تعذّر تعديل هذه الرسالة.',
  attachments: 'المرفقات',
  attach: 'إرفاق ملف',
  attaching: 'جارٍ إرسال الملف…',
  attachFailed: 'تعذّر إرسال هذا الملف. ربما يكون حجمه كبيرًا جدًا.',
  download: (name, size) => `تنزيل ${isolate(name)} (${size})`,
  fileSize: sizeIn(lang, ['بايت', 'كيلوبايت', 'ميغابايت']),
  replyIn: replyTime(
    lang,
    {
      one: 'نرد عادةً خلال دقيقة واحدة',
      two: 'نرد عادةً خلال دقيقتين',
      few: 'نرد عادةً خلال # دقائق',
      other: 'نرد عادةً خلال # دقيقة',
    },
    {
      one: 'نرد عادةً خلال ساعة واحدة',
      two: 'نرد عادةً خلال ساعتين',
      few: 'نرد عادةً خلال # ساعات',
      other: 'نرد عادةً خلال # ساعة',
    },
  ),
  awayEmail: 'لسنا متاحين الآن — اترك بريدك الإلكتروني وسنرد عليك عبر البريد',
  awayLater: 'لسنا متاحين الآن — سنرد عليك هنا عند عودتنا',
  awayUntil: (when) => `لسنا متاحين حتى ${when}`,
  emailLabel: 'بريدك الإلكتروني',
  emailSave: 'حفظ البريد الإلكتروني',
  emailSaved: (email) => `شكرًا! سنرد عليك على ${isolate(email)}.`,
  emailInvalid: 'يُرجى إدخال عنوان بريد إلكتروني صالح',
  failures: {
    identity:
      'تعذّر التحقق من هويتك، لذا فالمحادثة غير متاحة. يُرجى تسجيل الدخول مجددًا، أو التواصل مع الموقع إذا استمرت المشكلة.',
    plugin_key: 'هذه المحادثة غير مُعدّة بشكل صحيح (مفتاح إضافة غير معروف)، لذا فهي غير متاحة.',
    origin: 'المحادثة غير مفعّلة على هذا الموقع.',
    setup: 'هذه المحادثة غير مُعدّة بشكل صحيح، لذا فهي غير متاحة.',
  },
};
