import type { SignupBody } from '@flc/protocol/resources';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { meQuery, useAuth } from '../../lib/auth.tsx';
import { Field, FormAlert } from '../../lib/field.tsx';
import { fieldError, formErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { SIGNUP_FIELDS, useSignup } from './api/signup.ts';
import { AuthLayout } from './auth-layout.tsx';
import { NewPasswordField } from './new-password-field.tsx';
import { hasProblems, type Problems, validateSignup } from './validation.ts';

export function SignupPage() {
  const { api, tokens, signIn } = useAuth();
  const client = useQueryClient();
  const [input, setInput] = useState<SignupBody>({
    organizationName: '',
    name: '',
    email: '',
    password: '',
  });
  const [problems, setProblems] = useState<Problems>({});
  const signup = useSignup();

  useEffect(() => {
    if (tokens && !signup.isSuccess) navigate('/inbox', { replace: true });
  }, [tokens, signup.isSuccess]);

  const set = (field: keyof SignupBody) => (e: { target: { value: string } }) =>
    setInput((old) => ({ ...old, [field]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateSignup(input);
    setProblems(found);
    if (hasProblems(found)) return;
    const body = {
      ...input,
      organizationName: input.organizationName.trim(),
      name: input.name.trim(),
      email: input.email.trim(),
    };
    signup.mutate(body, {
      onSuccess: (answer) => {
        signIn({ accessToken: answer.accessToken, refreshToken: answer.refreshToken });
        client.setQueryData(meQuery(api).queryKey, {
          agent: answer.agent,
          organization: answer.organization,
        });
        navigate('/inbox', { replace: true });
      },
    });
  };

  const apiErrors = formErrors(signup.error, SIGNUP_FIELDS);
  const error = (field: string) => problems[field] ?? fieldError(apiErrors, field);
  const taken = signup.error instanceof ApiError && signup.error.status === 409;

  return (
    <AuthLayout
      title={t('acceptInvite.signupTitle')}
      subtitle={t('acceptInvite.signupSubtitle')}
      footer={
        <>
          {t('acceptInvite.haveAccount')} <Link to="/login">{t('acceptInvite.logIn')}</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate>
        <Field label={t('acceptInvite.organizationName')} error={error('organizationName')}>
          {(props) => (
            <input
              {...props}
              autoComplete="organization"
              placeholder={t('acceptInvite.organizationPlaceholder')}
              value={input.organizationName}
              onChange={set('organizationName')}
            />
          )}
        </Field>
        <Field label={t('acceptInvite.yourName')} error={error('name')}>
          {(props) => (
            <input {...props} autoComplete="name" value={input.name} onChange={set('name')} />
          )}
        </Field>
        <Field label={t('acceptInvite.workEmail')} error={error('email')}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="email"
              value={input.email}
              onChange={set('email')}
            />
          )}
        </Field>
        <NewPasswordField
          value={input.password}
          error={error('password')}
          onChange={set('password')}
        />
        {taken ? (
          <FormAlert>
            {t('acceptInvite.accountExists')}{' '}
            <Link to="/login">{t('acceptInvite.logInInstead')}</Link>
          </FormAlert>
        ) : (
          <FormAlert>{apiErrors.form}</FormAlert>
        )}
        <button type="submit" className="primary block" disabled={signup.isPending}>
          {signup.isPending
            ? t('acceptInvite.creating')
            : t('acceptInvite.createOrganizationSubmit')}
        </button>
      </form>
    </AuthLayout>
  );
}
