import type { MailWords } from '../words.ts';

export const ja: MailWords = {
  subject: (organization) => `【${organization}】お問い合わせへの返信`,
  greeting: (name) => (name ? `${name} 様` : 'お客様'),
  replied: (organization, count) =>
    count === 1
      ? `${organization}からお問い合わせに返信がありました：`
      : `${organization}から${count}件の返信がありました：`,
  earlier: 'これまでのやり取り：',
  you: 'あなた',
  attached: '添付：',
  answer: 'このメールに返信すると、その内容が会話に追加されます。',
  unsubscribe: 'この会話に関するメールの受信を停止する：',
  unsubscribeLink: 'メールの受信を停止',
  pageTitle: 'この会話に関するメール',
  pageAsk: 'この会話に関するメールの受信を停止しますか？',
  pageButton: '受信を停止',
  pageDone: 'この会話に関するメールは今後お送りしません。',
  pageChat: 'ウェブサイトのチャットからは引き続き返信できます。',
  transcriptSubject: (organization) => `【${organization}】会話の記録`,
  transcriptIntro: (organization) =>
    `${organization}との会話が終了しました。会話の内容は以下のとおりです：`,
  howDidWeDo: '今回の対応はいかがでしたか？',
  scores: ['1 – とても不満', '2 – 不満', '3 – ふつう', '4 – 満足', '5 – とても満足'],
  rateTitle: '会話の評価',
  rateScore: '評価',
  rateComment: 'ご意見があればお聞かせください（任意）',
  rateSend: '評価を送信',
  rateThanks: 'ありがとうございます。評価を受け付けました。',
  rateAlready: 'この会話はすでに評価済みです。ありがとうございました！',
  rateExpired: 'この評価リンクは有効期限が切れています。',
  rateInvalid: 'この評価リンクは無効です。',
  rateNotClosed: 'この会話は再開されました。もう一度終了した後に評価できます。',
  rateInvalidForm: '1〜5の評価を選んでください。コメントは1,000文字以内でお願いします。',
};
