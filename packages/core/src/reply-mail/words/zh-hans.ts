import type { MailWords } from '../words.ts';

export const zhHans: MailWords = {
  subject: (organization) => `【${organization}】您的咨询有新回复`,
  greeting: (name) => (name ? `${name}，您好：` : '您好：'),
  replied: (organization, count) =>
    count === 1
      ? `${organization} 回复了您的咨询：`
      : `${organization} 在您的咨询中发送了 ${count} 条回复：`,
  earlier: '之前的对话：',
  you: '您',
  attached: '附件：',
  answer: '直接回复此邮件即可作答，您的回复会添加到对话中。',
  unsubscribe: '不再接收有关此对话的邮件：',
  unsubscribeLink: '停止接收这些邮件',
  pageTitle: '有关此对话的邮件',
  pageAsk: '不再接收有关此对话的邮件？',
  pageButton: '停止接收邮件',
  pageDone: '您将不再收到有关此对话的邮件。',
  pageChat: '您仍可以在网站的聊天中回复。',
  transcriptSubject: (organization) => `【${organization}】对话记录`,
  transcriptIntro: (organization) => `您与 ${organization} 的对话已结束。以下是对话内容：`,
  howDidWeDo: '您对本次服务满意吗？',
  scores: ['1 – 非常不满意', '2 – 不满意', '3 – 一般', '4 – 满意', '5 – 非常满意'],
  rateTitle: '评价本次对话',
  rateScore: '您的评分',
  rateComment: '还有什么想告诉我们的吗？（选填）',
  rateSend: '提交评价',
  rateThanks: '谢谢！您的评价已记录。',
  rateAlready: '此对话已评价过。谢谢！',
  rateExpired: '此评价链接已过期。',
  rateInvalid: '此评价链接无效。',
  rateNotClosed: '此对话已重新打开，再次结束后才能评价。',
  rateInvalidForm: '请选择 1 到 5 分；留言最多 1,000 个字符。',
};
