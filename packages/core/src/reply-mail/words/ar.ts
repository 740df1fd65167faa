import type { MailWords } from '../words.ts';
import { plural } from './plural.ts';

/** Arabic (Modern Standard); its mails and pages are `dir="rtl"` (`directionOf`). */
export const ar: MailWords = {
  subject: (organization) => `محادثتك مع ${organization}`,
  greeting: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
  replied: (organization, count) =>
    plural('ar', count, {
      one: `ردّ ${organization} على محادثتك:`,
      two: `أرسل إليك ${organization} ردّين في محادثتك:`,
      few: `أرسل إليك ${organization} # ردود في محادثتك:`,
      many: `أرسل إليك ${organization} # ردًّا في محادثتك:`,
      other: `أرسل إليك ${organization} # ردّ في محادثتك:`,
    }),
  earlier: 'في وقت سابق من المحادثة:',
  you: 'أنت',
  attached: 'مرفق:',
  answer: 'للإجابة، ردّ على هذه الرسالة: سيُضاف ردّك إلى المحادثة.',
  unsubscribe: 'لإيقاف الرسائل بشأن هذه المحادثة:',
  unsubscribeLink: 'إيقاف هذه الرسائل',
  pageTitle: 'رسائل البريد الإلكتروني بشأن هذه المحادثة',
  pageAsk: 'هل تريد إيقاف رسائل البريد الإلكتروني بشأن هذه المحادثة؟',
  pageButton: 'إيقاف الرسائل',
  pageDone: 'لن تصلك بعد الآن رسائل بشأن هذه المحادثة.',
  pageChat: 'لا يزال بإمكانك الرد عبر المحادثة على الموقع.',
  transcriptSubject: (organization) => `محادثتك مع ${organization} (نص المحادثة)`,
  transcriptIntro: (organization) => `أُغلقت محادثتك مع ${organization}. إليك ما دار فيها:`,
  howDidWeDo: 'كيف كانت تجربتك معنا؟',
  scores: ['1 – سيئ جدًا', '2 – سيئ', '3 – مقبول', '4 – جيد', '5 – ممتاز'],
  rateTitle: 'قيّم محادثتك',
  rateScore: 'تقييمك',
  rateComment: 'هل تود إضافة شيء؟ (اختياري)',
  rateSend: 'إرسال التقييم',
  rateThanks: 'شكرًا لك: سُجّل تقييمك.',
  rateAlready: 'سبق تقييم هذه المحادثة. شكرًا لك!',
  rateExpired: 'انتهت صلاحية رابط التقييم هذا.',
  rateInvalid: 'رابط التقييم هذا غير صالح.',
  rateNotClosed: 'أُعيد فتح هذه المحادثة: يمكنك تقييمها بعد إغلاقها مجددًا.',
  rateInvalidForm: 'اختر درجة من 1 إلى 5، ولا يتجاوز التعليق 1000 حرف.',
};
